package dev.rex.model;

import dev.rex.model.text.WordPieceTokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RexBatchTest {
    @Test
    void questionsAreCleanedTokenizedAndPadded() {
        WordPieceTokenizer tok = new WordPieceTokenizer(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "is",
                "it", "red", "?"));
        float[] f1 = new float[2 * 3];
        float[] f2 = new float[2 * 3];
        f2[5] = 7f;
        RexBatch b = RexBatch.fromQuestions(tok, List.of("Is it red?", "Is it, red."), List.of(f1, f2), 2, 3, 7);
        // "," and "." are removed before tokenizing, as REX's data loader does
        assertArrayEquals(new long[] {2, 5, 6, 7, 8, 3, 0, 2, 5, 6, 7, 3, 0, 0}, b.textInput());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0}, b.attentionMask());
        assertEquals(7f, b.img()[11]);
        assertThrows(IllegalArgumentException.class,
                () -> RexBatch.fromQuestions(tok, List.of("x"), List.of(new float[5]), 2, 3, 7));
    }
}
