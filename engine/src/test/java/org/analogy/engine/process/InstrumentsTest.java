package org.analogy.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.analogy.engine.accompany.PatternAccompanist;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;

/** Which bundle's attributes each factor offers, and the accompaniment references prepared with a preset. */
class InstrumentsTest {

    @Test
    void melodyFactorsTakeTheMelodyBundlesAttributesAndAccompanimentFactorsTheirs() throws Exception {
        AttributeOffsets melody = AttributeOffsets.of(Map.of(Factor.RHYTHM, Map.of("density", new float[] {1})));
        AttributeOffsets accompaniment = AttributeOffsets.of(Map.of(Factor.TEXTURE, Map.of("register", new float[] {1}, "syncopation", new float[] {1})));
        List<Style> prepared = new ArrayList<>();
        Instruments i = new Instruments(null, PatternAccompanist::new, melody, prepared::add, accompaniment);
        assertThat(i.attributeNames(Factor.RHYTHM)).containsExactly("density");
        assertThat(i.attributeNames(Factor.PITCH)).isEmpty();
        assertThat(i.attributeNames(Factor.TEXTURE)).containsExactlyInAnyOrder("register", "syncopation");
        assertThat(i.attributeNames(Factor.CHORD)).isEmpty();
        i.prepare(Style.DEFAULT);
        assertThat(prepared).containsExactly(Style.DEFAULT);
        assertThat(Instruments.NONE.attributeNames(Factor.TEXTURE)).isEmpty();
    }
}
