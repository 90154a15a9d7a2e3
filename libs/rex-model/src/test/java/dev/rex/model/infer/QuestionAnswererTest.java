package dev.rex.model.infer;

import dev.rex.model.RexBatch;
import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexDictionaries;
import dev.rex.model.RexModel;
import dev.rex.model.RexOutput;
import dev.rex.model.RexPredictor;
import dev.rex.model.text.WordPieceTokenizer;
import dev.rex.model.train.BatchAssembler;
import dev.rex.model.train.Validation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The answerer on a fresh tiny checkpoint that went through save and load, with hand-made regions. */
class QuestionAnswererTest {
    static final List<UntrainedCheckpoint.Example> EXAMPLES = List.of(
            new UntrainedCheckpoint.Example("What color is the shirt?", "red", "the shirt #3 is red"),
            new UntrainedCheckpoint.Example("Is the cup on the table?", "yes", "the cup #7 is on the table #12"),
            new UntrainedCheckpoint.Example("Which side is the dog on?", "left", "the dog #0 is on the left @5"));

    @TempDir
    static Path tmp;
    static RexModel model;

    @BeforeAll
    static void load() throws Exception {
        Path dir = tmp.resolve("ckpt");
        UntrainedCheckpoint.write(dir, "tiny", EXAMPLES, 11);
        model = RexCheckpoint.load(dir);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Features seeded per image; box of region k is (10k, 2k)-(10k+5+k, 2k+7), distinct for every region. */
    static Question question(String text, int image) {
        Random rnd = new Random(image);
        float[] f = new float[36 * 2048];
        for (int i = 0; i < f.length; i++) f[i] = rnd.nextFloat() * (1 + image % 3);
        return new Question(text, f, boxes());
    }

    static float[] boxes() {
        float[] b = new float[36 * 4];
        for (int k = 0; k < 36; k++) {
            b[4 * k] = 10 * k;
            b[4 * k + 1] = 2 * k;
            b[4 * k + 2] = 10 * k + 5 + k;
            b[4 * k + 3] = 2 * k + 7;
        }
        return b;
    }

    static List<Question> questions() {
        List<Question> qs = new ArrayList<>();
        String[] texts = {"What color is the shirt?", "Is the cup on the table?", "Which side is the dog on?",
                "What is the man, holding."};
        for (int i = 0; i < 8; i++) qs.add(question(texts[i % texts.length], i));
        return qs;
    }

    @Test
    void answersHaveTheContractsShape() {
        RexDictionaries d = model.dictionaries().orElseThrow();
        int steps = model.config().numStep();
        int regionsSeen = 0;
        try (QuestionAnswerer answerer = new QuestionAnswerer(model)) {
            List<Answer> answers = answerer.answer(questions());
            assertEquals(8, answers.size());
            for (Answer a : answers) {
                assertEquals(d.ans2idx().get(a.answer()), a.answerIndex(), a.toString());
                // the arg-max of a softmax is at least the uniform share
                assertTrue(a.confidence() >= 1.0 / d.ans2idx().size() - 1e-6 && a.confidence() <= 1.0, a.toString());
                assertTrue(a.explanation().size() <= steps, a.toString());
                assertEquals(a.explanation().size(), a.gateValues().size(), "one gate value per decoded step: " + a);
                for (double g : a.gateValues()) assertTrue(g >= 0 && g <= 1, "gate " + g);
                List<String> regionTokens = a.explanation().stream().filter(w -> w.matches("#\\d+")).toList();
                assertEquals(regionTokens.size(), a.regions().size(), a.toString());
                for (int i = 0; i < regionTokens.size(); i++) {
                    GroundedRegion r = a.regions().get(i);
                    assertEquals(regionTokens.get(i), r.token());
                    assertEquals(Integer.parseInt(r.token().substring(1)), r.region());
                    assertTrue(r.region() >= 0 && r.region() < 36, r.toString());
                    int k = r.region();
                    assertEquals(new GroundedRegion(r.token(), k, 10 * k, 2 * k, 10 * k + 5 + k, 2 * k + 7), r);
                }
                for (String w : a.explanation()) {
                    assertTrue(d.exp2idx().containsKey(w), "decoded word outside exp2idx: " + w);
                }
                regionsSeen += a.regions().size();
            }
        }
        // an untrained gate sits near 0.5, so the 36 region tokens outweigh the words: grounding is exercised
        assertTrue(regionsSeen > 0, "no #k token decoded on any of the 8 questions");
    }

    @Test
    void decodesWhatTheNetworkComputesOnTheEvaluationEncoding() {
        RexDictionaries d = model.dictionaries().orElseThrow();
        List<Question> qs = questions();
        List<String> texts = qs.stream().map(Question::text).toList();
        List<float[]> feats = qs.stream().map(Question::features).toList();
        // the other public encoding path (RexBatch.fromQuestions: BERT encode with [PAD] = 0) must agree with the
        // training's BatchAssembler, which the answerer uses
        RexBatch batch = RexBatch.fromQuestions(new WordPieceTokenizer(d.vocab()), texts, feats, 36, 2048,
                BatchAssembler.EVAL_SEQ_LEN);
        RexOutput out;
        try (RexPredictor p = model.newPredictor()) {
            out = p.predict(batch);
        }
        String[] idx2exp = d.idx2exp().toArray(String[]::new);
        try (QuestionAnswerer answerer = new QuestionAnswerer(model)) {
            List<Answer> answers = answerer.answer(qs);
            for (int b = 0; b < qs.size(); b++) {
                Answer a = answers.get(b);
                String sentence = Validation.sentence(out.argMaxWords(b), idx2exp);
                assertEquals(sentence, a.explanation().isEmpty() ? Validation.EMPTY : a.explanationText());
                assertEquals(out.answerProb(b, a.answerIndex()), a.confidence(), 1e-7);
                for (int t = 0; t < a.gateValues().size(); t++) {
                    assertEquals(out.gate()[b * out.numStep() + t], a.gateValues().get(t), 1e-7);
                }
            }
        }
    }

    @Test
    void sameInputSameOutputAloneOrInABatchAndOnAnyThread() throws Exception {
        List<Question> qs = questions();
        List<Answer> batched;
        try (QuestionAnswerer answerer = new QuestionAnswerer(model)) {
            batched = answerer.answer(qs);
            assertEquals(batched, answerer.answer(qs), "same input, same output");
            Answer alone = answerer.answer(qs.get(5));
            assertEquals(batched.get(5).explanation(), alone.explanation());
            assertEquals(batched.get(5).answer(), alone.answer());
            assertEquals(batched.get(5).confidence(), alone.confidence(), 1e-5);
        }
        // each worker thread owns its own answerer over the shared weights
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Answer>>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    try (QuestionAnswerer own = new QuestionAnswerer(model)) {
                        return own.answer(qs);
                    }
                }));
            }
            for (Future<List<Answer>> r : runs) assertEquals(batched, r.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCheckpointWithTheGateOffHasNoGateValues() throws Exception {
        RexDictionaries d = model.dictionaries().orElseThrow();
        try (RexModel off = RexModel.create(model.config().withUseStructure(false), 3)) {
            off.setDictionaries(d);
            Path dir = tmp.resolve("no-gate");
            RexCheckpoint.save(off, dir);
            try (RexModel loaded = RexCheckpoint.load(dir); QuestionAnswerer answerer = new QuestionAnswerer(loaded)) {
                for (Answer a : answerer.answer(questions())) {
                    assertTrue(a.gateValues().isEmpty(), a.toString());
                }
            }
        }
    }

    @Test
    void refusesACheckpointWithoutDictionariesAndMalformedRegions() {
        try (RexModel bare = RexModel.create(model.config(), 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QuestionAnswerer(bare));
            assertTrue(e.getMessage().contains("exp2idx.json"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Question("q", new float[36 * 2048], new float[35 * 4]));
        assertTrue(e.getMessage().contains("36 x 4"), e.getMessage());
        assertFalse(assertThrows(IllegalArgumentException.class, () -> new Question("q", new float[10], boxes()))
                .getMessage().isEmpty());
    }
}
