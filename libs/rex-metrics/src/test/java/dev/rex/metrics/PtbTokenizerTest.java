package dev.rex.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PtbTokenizerTest {

    private final PtbTokenizer tokenizer = new PtbTokenizer(2);

    @Test
    void fixtureTokenizationEqualsPycocoevalcap() {
        JsonNode expected = Fixtures.read(Fixtures.require("metrics/tokenized.json"));
        for (String side : List.of("gts", "res")) {
            Map<String, List<String>> raw = Fixtures.stringLists(
                    Fixtures.read(Fixtures.require("metrics/" + side + ".json")));
            assertEquals(Fixtures.stringLists(expected.get(side)), tokenizer.tokenize(raw), side);
        }
    }

    @Test
    void regionAndGridTokensAreSplit() {
        assertEquals("# 12 is left of @ 5", tokenizer.tokenizeOne("#12 is left of @5"));
    }

    @Test
    void lowerCasesAndDropsPunctuationButKeepsBracketsAndQuestionExclamation() {
        assertEquals("a sign that reads stop", tokenizer.tokenizeOne("A sign that reads \"STOP\"."));
        assertEquals("pasta -lrb- with sauce -rrb-", tokenizer.tokenizeOne("Pasta (with sauce)"));
        assertEquals("?!", tokenizer.tokenizeOne("?!"));
        assertEquals("it is n't a farmer 's dog", tokenizer.tokenizeOne("It isn't a farmer's dog, -- ; : ..."));
        assertEquals("", tokenizer.tokenizeOne(""));
    }

    @Test
    void newlinesInsideACaptionDoNotShiftLines() {
        List<String> out = tokenizer.tokenizeAll(List.of("two\nlines", "", "next one."));
        assertEquals(List.of("two lines", "", "next one"), out);
    }

    @Test
    void chunkedMultiThreadedRunEqualsSingleRun() {
        List<String> captions = new ArrayList<>();
        String[] pieces = {"Mr. Smith", "went to Washington.", "U.S.", "Corp.", "\"Quoted\" words", "#3 and @7",
                "it's", "", "Yahoo!", "A B.", "no.", "E.g. this", "1 1/2 cups", "tab\there", "cr\rinside",
                "nbsp\u00A0x", "smile \uD83D\uDE00", "(paren) {brace}", "... -- ;", "café Über"};
        for (int i = 0; i < 9000; i++) {
            captions.add(pieces[i % pieces.length] + " " + pieces[(i * 7 + 3) % pieces.length]);
        }
        assertEquals(new PtbTokenizer(1).tokenizeAllSinglePass(captions), new PtbTokenizer(2).tokenizeAll(captions));
    }
}
