package dev.rex.model.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The two vocabularies of REX, {@code exp2idx.json} and {@code ans2idx.json}, as {@code generate_dictionary.py}
 * builds them. {@code exp2idx}: {@code #0..#35} → 1..36, {@code @1..@16} → 37..52, then explanation words by first
 * appearance (train, then val); index 0 is the end of sentence and has no entry, so the word softmax has
 * {@code size()+1} outputs. {@code ans2idx}: the converted answers of the questions that have an explanation, by
 * first appearance, from 0.
 */
public record Dictionaries(Map<String, Integer> exp2idx, Map<String, Integer> ans2idx) {
    public static final String EXP_FILE = "exp2idx.json";
    public static final String ANS_FILE = "ans2idx.json";
    /** Indices 1..36 are the region tokens {@code #0..#35}: the gate target is 0 there. */
    public static final int NUM_REGIONS = 36;
    public static final int NUM_GRID_CELLS = 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    public Dictionaries {
        exp2idx = Collections.unmodifiableMap(new LinkedHashMap<>(exp2idx));
        ans2idx = Collections.unmodifiableMap(new LinkedHashMap<>(ans2idx));
    }

    /** {@code nb_vocab} of the original: the word softmax has {@code nbVocab()+1} outputs. */
    public int nbVocab() {
        return exp2idx.size();
    }

    public int nbAnswer() {
        return ans2idx.size();
    }

    /** True for the indices of {@code #0..#35}, where the structure gate's target is 0. */
    public static boolean isRegionIndex(int index) {
        return index >= 1 && index <= NUM_REGIONS;
    }

    /** index → word, index 0 absent (end of sentence). */
    public String[] idx2exp() {
        String[] words = new String[exp2idx.size() + 1];
        exp2idx.forEach((w, i) -> words[i] = w);
        return words;
    }

    public String[] idx2ans() {
        String[] answers = new String[ans2idx.size()];
        ans2idx.forEach((a, i) -> answers[i] = a);
        return answers;
    }

    /** True when {@code dir} holds both dictionary files. */
    public static boolean existIn(Path dir) {
        return Files.isRegularFile(dir.resolve(EXP_FILE)) && Files.isRegularFile(dir.resolve(ANS_FILE));
    }

    public static Dictionaries read(Path dir) throws IOException {
        TypeReference<LinkedHashMap<String, Integer>> type = new TypeReference<>() {
        };
        Map<String, Integer> exp = JSON.readValue(dir.resolve(EXP_FILE).toFile(), type);
        Map<String, Integer> ans = JSON.readValue(dir.resolve(ANS_FILE).toFile(), type);
        checkDense(exp, 1, dir.resolve(EXP_FILE));
        checkDense(ans, 0, dir.resolve(ANS_FILE));
        return new Dictionaries(exp, ans);
    }

    /** Indices must be exactly first..first+n-1: the softmax sizes are derived from the map sizes. */
    private static void checkDense(Map<String, Integer> map, int first, Path file) {
        boolean[] seen = new boolean[map.size()];
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            int i = e.getValue() - first;
            if (i < 0 || i >= seen.length || seen[i]) {
                throw new IllegalArgumentException(file + ": index " + e.getValue() + " of '" + e.getKey()
                        + "' is out of range or repeated; expected the indices " + first + ".." + (first + map.size() - 1)
                        + " each once (regenerate the dictionaries by deleting the file)");
            }
            seen[i] = true;
        }
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve(EXP_FILE), exp2idx);
        writeAtomically(dir.resolve(ANS_FILE), ans2idx);
    }

    private static void writeAtomically(Path file, Map<String, Integer> map) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), map);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Builds the dictionaries as generate_dictionary.py does, over the explanation maps of the given splits in
     * order (train, then val), each in file order.
     *
     * @param explanations per split, qid → converted explanation, in file order
     * @param rawAnswer    qid → the question's raw GQA answer (null when the question is unknown: an error)
     */
    public static Dictionaries generate(List<Map<String, String>> explanations, Function<String, String> rawAnswer) {
        // the rules live once, in rex-gqa's dictionary builder (also used by `rex dataset build`)
        dev.rex.gqa.dict.Dictionaries builder = new dev.rex.gqa.dict.Dictionaries();
        for (Map<String, String> split : explanations) {
            for (Map.Entry<String, String> e : split.entrySet()) {
                String answer = rawAnswer.apply(e.getKey());
                if (answer == null) {
                    throw new IllegalArgumentException("explanation of question " + e.getKey()
                            + " has no question in the questions file; check that --questions and --data are of the same split");
                }
                builder.add(e.getValue(), answer);
            }
        }
        return new Dictionaries(builder.exp2idx(), builder.ans2idx());
    }
}
