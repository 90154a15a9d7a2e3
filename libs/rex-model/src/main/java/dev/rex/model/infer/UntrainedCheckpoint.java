package dev.rex.model.infer;

import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexConfig;
import dev.rex.model.RexDictionaries;
import dev.rex.model.RexModel;
import dev.rex.model.text.WordPieceTokenizer;
import dev.rex.model.train.Dictionaries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete checkpoint directory with fresh (seeded, untrained) weights and real dictionaries built the training
 * way from a few examples: {@code exp2idx} by {@code generate_dictionary.py}'s rules ({@code #0..#35}, {@code @1..@16},
 * then the explanations' words), {@code ans2idx} from their answers, the WordPiece vocabulary from their questions.
 * Its answers mean nothing; it exercises the serving path end to end (save, load, encode, decode) in tests and smoke
 * checks without a training run.
 */
public final class UntrainedCheckpoint {
    /** One example the dictionaries are built from. */
    public record Example(String question, String answer, String explanation) {
    }

    private UntrainedCheckpoint() {
    }

    /** Writes the checkpoint of {@code preset} size ({@link RexConfig#preset}) into {@code dir}. */
    public static void write(Path dir, String preset, List<Example> examples, long seed) throws IOException {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("need at least one example to build the dictionaries from");
        }
        Map<String, String> explanations = new LinkedHashMap<>();
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            String qid = "example-" + i;
            explanations.put(qid, examples.get(i).explanation());
            answers.put(qid, examples.get(i).answer());
            questions.add(examples.get(i).question());
        }
        Dictionaries d = Dictionaries.generate(List.of(explanations), answers::get);
        List<String> vocab = WordPieceTokenizer.buildVocabulary(questions, 1);
        RexConfig config = RexConfig.preset(preset, vocab.size(), d.nbAnswer(), d.nbVocab());
        try (RexModel model = RexModel.create(config, seed)) {
            model.setDictionaries(new RexDictionaries(d.exp2idx(), d.ans2idx(), vocab));
            RexCheckpoint.save(model, dir);
        }
    }
}
