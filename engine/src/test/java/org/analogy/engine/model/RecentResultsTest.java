package org.analogy.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentResultsTest {

    @Test
    void theSameInputsFindTheirAnswerAndOthersDoNot() {
        RecentResults<String> recent = new RecentResults<>(2);
        recent.put(new float[]{1, 2}, new int[]{3}, "a");
        assertThat(recent.get(new float[]{1, 2}, new int[]{3})).isEqualTo("a");
        assertThat(recent.get(new float[]{1, 2}, new int[]{4})).isNull();
        assertThat(recent.get(new float[]{1, 2.0001f}, new int[]{3})).isNull();
        assertThat(recent.get(new float[]{1, 2}, null)).isNull();
        assertThat(recent.hits()).isEqualTo(1);
        assertThat(recent.misses()).isEqualTo(3);
    }

    @Test
    void keysAreCopiedSoACallerMayReuseItsArray() {
        RecentResults<String> recent = new RecentResults<>(2);
        float[] key = {1, 2};
        recent.put(key, null, "a");
        key[0] = 9;
        assertThat(recent.get(key, null)).isNull();
        assertThat(recent.get(new float[]{1, 2}, null)).isEqualTo("a");
    }

    @Test
    void theLeastRecentlyUsedIsForgottenFirst() {
        RecentResults<String> recent = new RecentResults<>(2);
        recent.put(new float[]{1}, null, "one");
        recent.put(new float[]{2}, null, "two");
        recent.get(new float[]{1}, null); // one is now the more recent
        recent.put(new float[]{3}, null, "three");
        assertThat(recent.get(new float[]{1}, null)).isEqualTo("one");
        assertThat(recent.get(new float[]{2}, null)).isNull();
        assertThat(recent.get(new float[]{3}, null)).isEqualTo("three");
    }

    @Test
    void clearForgetsEverything() {
        RecentResults<String> recent = new RecentResults<>(1);
        recent.put(new float[]{1}, null, "one");
        recent.clear();
        assertThat(recent.get(new float[]{1}, null)).isNull();
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatThrownBy(() -> new RecentResults<>(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
