package dev.rex.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a checkpoint's indices mean: {@code exp2idx} (explanation tokens to 1..nb_vocab; 0, the end of sentence, has
 * no entry), {@code ans2idx} (answers to 0..nb_answer-1) and the tokenizer's WordPiece vocabulary (line i = id i).
 */
public record RexDictionaries(Map<String, Integer> exp2idx, Map<String, Integer> ans2idx, List<String> vocab) {
    public RexDictionaries {
        exp2idx = Collections.unmodifiableMap(new LinkedHashMap<>(exp2idx));
        ans2idx = Collections.unmodifiableMap(new LinkedHashMap<>(ans2idx));
        vocab = List.copyOf(vocab);
    }

    /** The explanation tokens by index (index 0 = end of sentence, shown as the empty string). */
    public List<String> idx2exp() {
        List<String> out = new ArrayList<>(Collections.nCopies(exp2idx.size() + 1, ""));
        exp2idx.forEach((w, i) -> out.set(i, w));
        return out;
    }

    /** Fails with a clear message when the dictionaries do not fit the network's sizes. */
    void checkAgainst(RexConfig c) {
        if (exp2idx.size() != c.nbVocab()) {
            throw new IllegalArgumentException("exp2idx.json has " + exp2idx.size() + " entries but nb_vocab is "
                    + c.nbVocab());
        }
        for (Map.Entry<String, Integer> e : exp2idx.entrySet()) {
            if (e.getValue() < 1 || e.getValue() > c.nbVocab()) {
                throw new IllegalArgumentException("exp2idx.json maps '" + e.getKey() + "' to " + e.getValue()
                        + ", outside 1.." + c.nbVocab() + " (0 is the end of sentence and has no entry)");
            }
        }
        if (ans2idx.size() != c.nbAnswer()) {
            throw new IllegalArgumentException("ans2idx.json has " + ans2idx.size() + " entries but nb_answer is "
                    + c.nbAnswer());
        }
        if (vocab.size() > c.vocabSize()) {
            throw new IllegalArgumentException("vocab.txt has " + vocab.size() + " tokens but vocab_size is "
                    + c.vocabSize());
        }
    }
}
