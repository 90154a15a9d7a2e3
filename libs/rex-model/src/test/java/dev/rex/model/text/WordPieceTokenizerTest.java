package dev.rex.model.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BERT uncased WordPiece behaviour, on hand-made vocabularies laid out like bert-base-uncased's. */
class WordPieceTokenizerTest {
    /** Special tokens at bert-base-uncased's ids would need 100 unused rows; the order is what matters here. */
    static final List<String> VOCAB = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "is", "the", "man",
            "'", "s", "shirt", "white", "?", "un", "##aff", "##able", "cafe", ",", "what", "color", "##s");

    final WordPieceTokenizer tok = new WordPieceTokenizer(VOCAB);

    @Test
    void lowerCasesSplitsPunctuationAndStripsAccents() {
        assertEquals(List.of("is", "the", "man", "'", "s", "shirt", "white", "?"),
                BasicTokenizer.tokenize("Is the  man's\tshirt WHITE?"));
        assertEquals(List.of("cafe", ",", "naive"), BasicTokenizer.tokenize("Café, naïve"));
        assertEquals(List.of("a", "$", "5", "#", "3"), BasicTokenizer.tokenize("a $5 #3"));
        assertEquals(List.of("x", "\u4e2d", "y"), BasicTokenizer.tokenize("x\u4e2dy\u0000\u200b\ue000"));
    }

    @Test
    void greedyLongestMatchFirstWordPieces() {
        assertEquals(List.of("un", "##aff", "##able"), tok.tokenize("unaffable"));
        assertEquals(List.of("shirt", "##s"), tok.tokenize("Shirts"));
        assertEquals(List.of("[UNK]", "cafe"), tok.tokenize("unaffordable Café"), "a word not covered is [UNK]");
        assertEquals(List.of("[UNK]"), tok.tokenize("a".repeat(101)));
    }

    @Test
    void encodesClsPiecesSepThenPadding() {
        WordPieceTokenizer.Encoding e = tok.encode("What color is the shirt?", 10);
        assertArrayEquals(new long[] {2, 18, 19, 5, 6, 10, 12, 3, 0, 0}, e.inputIds());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 0, 0}, e.attentionMask());
        assertArrayEquals(new long[10], e.tokenType());
        WordPieceTokenizer.Encoding cut = tok.encode("What color is the shirt?", 5);
        // REX cuts the tokenizer's output with text_input[:seq_len]: a long question loses its [SEP]
        assertArrayEquals(new long[] {2, 18, 19, 5, 6}, cut.inputIds(), "cut is a plain prefix");
        assertArrayEquals(new long[] {1, 1, 1, 1, 1}, cut.attentionMask());
        assertArrayEquals(new long[] {2, 18, 19, 5, 6, 10, 12, 3}, tok.encode("What color is the shirt?", 8)
                .inputIds(), "exact fit keeps [SEP]");
    }

    @Test
    void buildsAVocabularyFromQuestionsWithCharacterFallback() {
        List<String> v = WordPieceTokenizer.buildVocabulary(List.of("Is the cup red?", "Is the cup blue?"), 2);
        assertEquals(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "is", "the", "cup", "?"), v.subList(0, 9));
        assertTrue(!v.contains("red") && v.contains("r") && v.contains("##d"), v.toString());
        WordPieceTokenizer own = new WordPieceTokenizer(v);
        assertEquals(List.of("r", "##e", "##d"), own.tokenize("red"));
    }

    @Test
    void readsVocabTxtAndRequiresTheSpecialTokens(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("vocab.txt");
        Files.write(f, VOCAB);
        assertEquals(VOCAB, WordPieceTokenizer.load(f).vocabulary());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WordPieceTokenizer(List.of("[PAD]", "[UNK]", "a")));
        assertTrue(e.getMessage().contains("[CLS]"), e.getMessage());
    }
}
