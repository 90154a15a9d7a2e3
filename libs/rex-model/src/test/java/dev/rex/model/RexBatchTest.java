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

    @Test
    void aCommaSeparatesWordsAndALongQuestionIsCutWithoutKeepingSep() {
        WordPieceTokenizer tok = new WordPieceTokenizer(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "is",
                "it", "red", "?"));
        float[] f = new float[2 * 3];
        // dataloader.py: replace(',', ' ').replace('.', ''), so "it,red" is two words, "r.ed" one
        RexBatch b = RexBatch.fromQuestions(tok, List.of("is it,red?", "is it r.ed?"), List.of(f, f), 2, 3, 6);
        assertArrayEquals(new long[] {2, 5, 6, 7, 8, 3, 2, 5, 6, 7, 8, 3}, b.textInput());
        assertEquals("is it red?", RexBatch.cleanQuestion(" is  it, red.?"));
        // text_input[:seq_len]: [CLS] is it red — the [SEP] is cut, every kept id is attended
        RexBatch cut = RexBatch.fromQuestions(tok, List.of("is it, red?"), List.of(f), 2, 3, 4);
        assertArrayEquals(new long[] {2, 5, 6, 7}, cut.textInput());
        assertArrayEquals(new long[] {1, 1, 1, 1}, cut.attentionMask());
    }
}
