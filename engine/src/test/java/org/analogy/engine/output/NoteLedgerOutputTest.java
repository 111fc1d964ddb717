package org.analogy.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ledger's books: what is sounding, for how long, and what broke the note-on/note-off contract. */
class NoteLedgerOutputTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aNoteSoundingLongerThanTheLimitIsStuckAndItsNoteOffFreesIt() {
        NoteLedgerOutput ledger = new NoteLedgerOutput();
        ledger.send(0, 0x90, 60, 100);
        ledger.send(10 * S, 0x91, 64, 100);
        assertThat(ledger.hangingNotes()).isEqualTo(2);
        assertThat(ledger.stuckNotes(20 * S, 30 * S)).isZero();
        assertThat(ledger.stuckNotes(35 * S, 30 * S)).isEqualTo(1); // only the one begun at 0
        ledger.send(36 * S, 0x80, 60, 0);
        assertThat(ledger.stuckNotes(50 * S, 30 * S)).isEqualTo(1); // now the second one
        ledger.send(51 * S, 0x90 | 1, 64, 0); // note-on with velocity 0 is a note-off
        assertThat(ledger.hangingNotes()).isZero();
        assertThat(ledger.stuckNotes(100 * S, 30 * S)).isZero();
        assertThat(ledger.lastEventNanos()).isEqualTo(51 * S);
    }

    @Test
    void restrikesStrayNoteOffsAndAllNotesOffAreCounted() {
        NoteLedgerOutput ledger = new NoteLedgerOutput();
        ledger.send(0, 0x90, 60, 100);
        ledger.send(1, 0x90, 60, 100);
        ledger.send(2, 0x80, 61, 0);
        assertThat(ledger.doubleNoteOns()).isEqualTo(1);
        assertThat(ledger.strayNoteOffs()).isEqualTo(1);
        ledger.send(3, 0xB0, 123, 0);
        assertThat(ledger.hangingNotes()).isZero();
        assertThat(ledger.events()).isEqualTo(4);
        assertThat(ledger.noteOns()).isEqualTo(2);
    }
}
