package dev.rex.gqa.dict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code generate_dictionary.py}: {@code exp2idx} maps {@code #0..#35} to 1..36 and {@code @1..@16} to 37..52,
 * then the explanation words by first appearance (train, then val; '?' removed, ',' to space, '.' removed); index 0
 * is the end of sentence and has no entry. {@code ans2idx} maps the answers (after {@link #ANS_CONVERT}) of the
 * questions that have an explanation, from 0, by first appearance. Feed the converted explanations in corpus
 * order with {@link #add}.
 */
public final class Dictionaries {
    public static final int REGIONS = 36;
    public static final int GRID_CELLS = 16;
    /** The original's answer normalisation. */
    public static final Map<String, String> ANS_CONVERT = ansConvert();

    private final LinkedHashMap<String, Integer> exp2idx = new LinkedHashMap<>();
    private final LinkedHashMap<String, Integer> ans2idx = new LinkedHashMap<>();

    public Dictionaries() {
        for (int i = 0; i < REGIONS; i++) exp2idx.put("#" + i, exp2idx.size() + 1);
        for (int i = 1; i <= GRID_CELLS; i++) exp2idx.put("@" + i, exp2idx.size() + 1);
    }

    public static String convertAnswer(String answer) {
        return ANS_CONVERT.getOrDefault(answer, answer);
    }

    /** One question with its final (converted) explanation. */
    public void add(String convertedExplanation, String answer) {
        ans2idx.putIfAbsent(convertAnswer(answer), ans2idx.size());
        String s = convertedExplanation;
        if (s.indexOf('?') >= 0) s = s.replace("?", "");
        if (s.indexOf(',') >= 0) s = s.replace(',', ' ');
        if (s.indexOf('.') >= 0) s = s.replace(".", "");
        for (String w : dev.rex.gqa.text.PyText.words(s)) {
            if (!exp2idx.containsKey(w)) exp2idx.put(w, exp2idx.size() + 1);
        }
    }

    public Map<String, Integer> exp2idx() {
        return Collections.unmodifiableMap(exp2idx);
    }

    public Map<String, Integer> ans2idx() {
        return Collections.unmodifiableMap(ans2idx);
    }

    /**
     * The structure mapping {@code [nb_vocab + 1, 36]}: 1 at ({@code exp2idx['#i']}, i), 0 elsewhere; row-major.
     * A fixed matrix, never trained.
     */
    public static float[] structureMapping(Map<String, Integer> exp2idx) {
        int rows = exp2idx.size() + 1;
        float[] m = new float[rows * REGIONS];
        for (int i = 0; i < REGIONS; i++) {
            Integer row = exp2idx.get("#" + i);
            if (row == null) throw new IllegalArgumentException("exp2idx has no entry for #" + i);
            m[row * REGIONS + i] = 1f;
        }
        return m;
    }

    private static Map<String, String> ansConvert() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("a man", "man");
        m.put("the man", "man");
        m.put("a woman", "woman");
        m.put("the woman", "woman");
        String[] words = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
        for (int i = 0; i < words.length; i++) m.put(words[i], String.valueOf(i + 1));
        m.put("grey", "gray");
        return Collections.unmodifiableMap(m);
    }
}
