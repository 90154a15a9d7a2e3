package dev.rex.model.train;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** dataloader.py's text rules, filters and targets, and generate_dictionary.py's vocabularies, on hand-made data. */
class TrainingDataTest {

    @Test
    void questionLosesCommasAndPeriods() {
        assertEquals("Is the man, wearing a hat", "Is the man, wearing a hat"); // sanity of the literal below
        assertEquals("Is the man wearing a hat or a cap?",
                TrainingText.cleanQuestion("Is the man,  wearing a hat, or a cap.?"));
        assertEquals(9, TrainingText.questionWords("Is the man wearing a hat or a cap?"));
    }

    @Test
    void explanationWordsDropQuestionMarksAndPeriodsAndSplitCommas() {
        assertEquals(List.of("the", "#3", "is", "red", "and", "@5"),
                TrainingText.explanationWords("the #3 is red,and @5. ?"));
        assertEquals(List.of(), TrainingText.explanationWords(""));
    }

    @Test
    void answersAreConverted() {
        assertEquals("man", TrainingText.convertAnswer("the man"));
        assertEquals("3", TrainingText.convertAnswer("three"));
        assertEquals("gray", TrainingText.convertAnswer("grey"));
        assertEquals("yes", TrainingText.convertAnswer("yes"));
    }

    @Test
    void dictionariesFollowGenerateDictionary() {
        Map<String, String> train = new LinkedHashMap<>();
        train.put("q1", "the #0 is red.");
        train.put("q2", "@3 has a cat, the #1");
        Map<String, String> val = new LinkedHashMap<>();
        val.put("q3", "blue #2?");
        Map<String, String> answers = Map.of("q1", "yes", "q2", "two", "q3", "yes");
        Dictionaries d = Dictionaries.generate(List.of(train, val), answers::get);
        assertEquals(1, d.exp2idx().get("#0"));
        assertEquals(36, d.exp2idx().get("#35"));
        assertEquals(37, d.exp2idx().get("@1"));
        assertEquals(52, d.exp2idx().get("@16"));
        assertEquals(53, d.exp2idx().get("the"));
        assertEquals(List.of("the", "is", "red", "has", "a", "cat", "blue"),
                List.copyOf(d.exp2idx().keySet()).subList(52, 59));
        assertEquals(59, d.nbVocab());
        assertEquals(Map.of("yes", 0, "2", 1), d.ans2idx());
        assertEquals("cat", d.idx2exp()[58]);
    }

    @Test
    void dictionariesRoundTripAndRejectHoles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Dictionaries d = Dictionaries.generate(List.of(Map.of("q", "a b")), q -> "no");
        d.write(dir);
        assertTrue(Dictionaries.existIn(dir));
        assertEquals(d, Dictionaries.read(dir));
        Files.writeString(dir.resolve(Dictionaries.ANS_FILE), "{\"no\": 1}");
        assertThrows(IllegalArgumentException.class, () -> Dictionaries.read(dir));
    }

    @Test
    void targetsHaveEndTokenMaskAndGate() {
        // "#4 is @2 red" → [5, w, 38, w']
        TargetSequence t = TargetSequence.of(new int[]{5, 60, 38, 61}, 6);
        assertArrayEquals(new int[]{5, 60, 38, 61, 0, 0}, t.words());
        assertArrayEquals(new float[]{1, 1, 1, 1, 1, 0}, t.mask());
        assertArrayEquals(new float[]{0, 1, 1, 1, 1, 1}, t.gate());
    }

    @Test
    void fullLengthExplanationHasNoEndToken() {
        TargetSequence t = TargetSequence.of(new int[]{36, 1, 60}, 3);
        assertArrayEquals(new int[]{36, 1, 60}, t.words());
        assertArrayEquals(new float[]{1, 1, 1}, t.mask());
        assertArrayEquals(new float[]{0, 0, 1}, t.gate());
    }

    @Test
    void noExplanationGivesEndOnlyTarget() {
        TargetSequence t = TargetSequence.of(new int[0], 4);
        assertArrayEquals(new int[]{0, 0, 0, 0}, t.words());
        assertArrayEquals(new float[]{1, 0, 0, 0}, t.mask());
        assertArrayEquals(new float[]{1, 1, 1, 1}, t.gate());
    }

    @Test
    void trainingFiltersSkipAndCountEachReason() {
        Dictionaries d = Dictionaries.generate(List.of(Map.of("e", "the #0 is red")), q -> "yes");
        Map<String, String> exps = new LinkedHashMap<>();
        exps.put("ok", "the #0 is red.");
        exps.put("longexp", "the the the the the the the the the the the the the");
        exps.put("unknown", "the dragon");
        SampleSet.Builder b = new SampleSet.Builder(d, exps, true, null, img -> !img.equals("noimg"));
        b.accept(new QuestionRow("ok", "Is it red, or not.", "i1", "yes", "t"));
        b.accept(new QuestionRow("noexp", "Is it red?", "i1", "yes", "t"));
        b.accept(new QuestionRow("longq", "a b c d e f g h i j k l m n o p q r s", "i1", "yes", "t"));
        b.accept(new QuestionRow("ans", "Is it red?", "i1", "blue", "t"));
        b.accept(new QuestionRow("longexp", "Is it red?", "i1", "yes", "t"));
        b.accept(new QuestionRow("unknown", "Is it red?", "i1", "yes", "t"));
        b.accept(new QuestionRow("nofeat", "Is it red?", "noimg", "yes", "t"));
        SampleSet s = b.build();
        assertEquals(List.of("ok", "noexp"), s.samples().stream().map(Sample::qid).toList());
        Sample ok = s.samples().get(0);
        assertEquals("Is it red or not", ok.question());
        assertArrayEquals(new int[]{53, 1, 54, 55}, ok.words());
        assertEquals(0, ok.answerIndex());
        assertArrayEquals(new int[0], s.samples().get(1).words());
        assertEquals(Map.of(SkipReason.QUESTION_TOO_LONG, 1, SkipReason.ANSWER_NOT_IN_DICTIONARY, 1,
                SkipReason.EXPLANATION_TOO_LONG, 1, SkipReason.WORD_NOT_IN_DICTIONARY, 1,
                SkipReason.FEATURES_MISSING, 1), s.skipped());
    }

    @Test
    void eighteenWordQuestionIsKeptNineteenIsNot() {
        Dictionaries d = Dictionaries.generate(List.of(Map.of("e", "x")), q -> "yes");
        SampleSet.Builder b = new SampleSet.Builder(d, Map.of(), true, null, img -> true);
        b.accept(new QuestionRow("q18", "a b c d e f g h i j k l m n o p q r", "i", "yes", "t"));
        b.accept(new QuestionRow("q19", "a b c d e f g h i j k l m n o p q r s", "i", "yes", "t"));
        assertEquals(List.of("q18"), b.build().samples().stream().map(Sample::qid).toList());
    }

    @Test
    void evaluationKeepsEveryQuestion() {
        Dictionaries d = Dictionaries.generate(List.of(Map.of("e", "x")), q -> "yes");
        SampleSet.Builder b = new SampleSet.Builder(d, Map.of("v1", "the x"), false, null, img -> true);
        b.accept(new QuestionRow("v1", "a b c d e f g h i j k l m n o p q r s t", "i", "blue", "t"));
        b.accept(new QuestionRow("v2", "q", "i", "yes", "t"));
        SampleSet s = b.build();
        assertEquals(2, s.size());
        assertEquals(-1, s.samples().get(0).answerIndex());
        assertEquals("the x", s.samples().get(0).reference());
        assertEquals("", s.samples().get(1).reference());
        assertTrue(s.skipped().isEmpty());
    }

    @Test
    void subsetKeepsSmallTypesWholeAndSamplesLargeOnesDeterministically() {
        TransferSubset subset = new TransferSubset();
        for (int i = 0; i < 10; i++) subset.add("small" + i, "verifyAttr");
        for (int i = 0; i < 250; i++) subset.add("big" + i, "queryColor");
        for (int i = 0; i < 29; i++) subset.add("mid" + i, "existRel");
        Set<String> five = subset.select(5, 7);
        assertEquals(10 + 12 + 1, five.size()); // floor(250·5/100)=12, floor(29·5/100)=1
        assertTrue(five.containsAll(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "small" + i).toList()));
        assertEquals(five, subset.select(5, 7));
        assertEquals(10 + 2 + 0, subset.select(1, 7).size());
        assertEquals(289, subset.select(100, 7).size());
        assertTrue(!five.equals(subset.select(5, 8)), "another seed draws another subset");
        assertThrows(IllegalArgumentException.class, () -> subset.select(0, 1));
    }
}
