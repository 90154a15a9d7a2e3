package dev.rex.gqa.post;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The word rewriting of post_processing.py and finalize_exp.py: a plural {@code w} becomes {@code w[:-1]} when
 * both forms occur in the corpus vocabulary, except "pictures", "hands" and "dvds" (shaking hands, taking
 * pictures), plus the fixed repairs of four object ids left ungrounded in the released data and "mice".
 *
 * <p>The original applies the rules one after another as plain {@code str.replace(' k ', ' v ')} on the text padded
 * with spaces, in rule order (plurals in vocabulary order, then the repairs). This class gives the same result
 * without scanning the text once per rule: each rule only touches whole words equal to its key, and one
 * replacement pass consumes the space after a replaced word, so of two equal neighbours only the first is
 * rewritten by that pass. The rules present in the text are applied in rule order, a later rule seeing the words an
 * earlier one wrote.
 */
public final class TokenRewrite {
    /** The fixed repairs, in the original's order. */
    public static final Map<String, String> REPAIRS = repairs();
    /** Plurals the original keeps (removed from the rewrite list when present). */
    public static final Set<String> KEPT_PLURALS = Set.of("pictures", "hands", "dvds");

    private final Map<String, String> target = new HashMap<>();
    private final Map<String, Integer> order = new HashMap<>();
    private final List<String> keys = new ArrayList<>();

    private TokenRewrite() {
    }

    /** The rewrite rules of a stage, from that stage's corpus vocabulary. */
    public static TokenRewrite fromVocabulary(CorpusVocabulary vocabulary) {
        TokenRewrite r = new TokenRewrite();
        Map<String, Integer> index = vocabulary.index();
        for (String k : index.keySet()) {
            if (k.charAt(k.length() - 1) == 's' && index.containsKey(k.substring(0, k.length() - 1))) {
                r.put(k, k.substring(0, k.length() - 1));
            }
        }
        REPAIRS.forEach(r::put);
        for (String kept : KEPT_PLURALS) r.remove(kept); // the original crashes when absent; we tolerate it
        return r;
    }

    private void put(String k, String v) {
        if (target.put(k, v) == null) {
            order.put(k, keys.size());
            keys.add(k);
        }
    }

    private void remove(String k) {
        if (target.remove(k) != null) order.remove(k);
    }

    /** The rules in application order (key → replacement), for inspection and persistence. */
    public Map<String, String> rules() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : keys) if (target.containsKey(k)) m.put(k, target.get(k));
        return Collections.unmodifiableMap(m);
    }

    static String repair(String token) {
        int n = token.length(); // the repaired tokens have 4, 6 or 7 characters: skip the lookup otherwise
        if (n != 4 && n != 6 && n != 7) return token;
        String r = REPAIRS.get(token);
        return r == null ? token : r;
    }

    /** Rewrites the words of a text (non-empty tokens, in order) in place; returns whether any changed. */
    public boolean apply(List<String> words) {
        boolean changed = false;
        int done = -1; // rule index applied last
        while (true) {
            int next = Integer.MAX_VALUE;
            for (String w : words) {
                Integer o = order.get(w);
                if (o != null && o > done && o < next) next = o;
            }
            if (next == Integer.MAX_VALUE) return changed;
            String key = keys.get(next);
            String value = target.get(key);
            boolean previousReplaced = false;
            for (int i = 0; i < words.size(); i++) {
                if (!previousReplaced && words.get(i).equals(key)) {
                    words.set(i, value);
                    previousReplaced = true;
                    changed = true;
                } else {
                    previousReplaced = false;
                }
            }
            done = next;
        }
    }

    /** The original's loop on a text: {@code ' ' + text + ' '}, every rule replaced in order, padding removed. */
    public String applyToText(String text) {
        List<String> words = dev.rex.gqa.text.PyText.split(text, " ");
        // the text holds single-space separated non-empty words at both call sites; empty parts only for ""
        if (text.isEmpty()) return text;
        return apply(words) ? String.join(" ", words) : text;
    }

    private static Map<String, String> repairs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("1293422", "sidewalk");
        m.put("2109828", "fence");
        m.put("1749668", "table");
        m.put("846582", "helmet");
        m.put("mice", "mouse");
        return Collections.unmodifiableMap(m);
    }
}
