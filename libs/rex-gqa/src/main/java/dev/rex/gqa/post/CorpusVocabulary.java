package dev.rex.gqa.post;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A corpus vocabulary in first-appearance order, as post_processing.py and finalize_exp.py build theirs
 * (over train then val; each stage its own: see {@link #addPostProcessingText} and {@link #addFinalizingText}).
 * Fixed token repairs are applied before a word is added, so a repaired id counts as its replacement word.
 */
public final class CorpusVocabulary {
    private final LinkedHashMap<String, Integer> words = new LinkedHashMap<>();

    public CorpusVocabulary() {
    }

    public CorpusVocabulary(List<String> words) {
        for (String w : words) add(w);
    }

    /** Post-processing: the generator's text with '?' removed, skipping tokens that contain '('. */
    public void addPostProcessingText(String raw) {
        String s = raw.indexOf('?') < 0 ? raw : raw.replace("?", "");
        addTokens(s, '(', '(');
    }

    /** Finalizing: the grounded text with '?' removed and ',' '.' as spaces, skipping tokens with '#' or '@'. */
    public void addFinalizingText(String grounded) {
        addTokens(finalizingForm(grounded), '#', '@');
    }

    static String finalizingForm(String s) {
        if (s.indexOf('?') >= 0) s = s.replace("?", "");
        if (s.indexOf(',') >= 0) s = s.replace(',', ' ');
        if (s.indexOf('.') >= 0) s = s.replace('.', ' ');
        return s;
    }

    private void addTokens(String s, char skip1, char skip2) {
        int n = s.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            if (i == n || s.charAt(i) == ' ') {
                if (start >= 0) {
                    String t = s.substring(start, i);
                    if (t.indexOf(skip1) < 0 && t.indexOf(skip2) < 0) add(TokenRewrite.repair(t));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
    }

    public void add(String word) {
        words.putIfAbsent(word, words.size());
    }

    public boolean contains(String word) {
        return words.containsKey(word);
    }

    public int size() {
        return words.size();
    }

    /** The words in first-appearance order. */
    public List<String> words() {
        return Collections.unmodifiableList(new ArrayList<>(words.keySet()));
    }

    /** Adds another vocabulary's words after this one's (for merging per-chunk vocabularies in corpus order). */
    public void addAll(CorpusVocabulary later) {
        for (String w : later.words.keySet()) add(w);
    }

    Map<String, Integer> index() {
        return words;
    }
}
