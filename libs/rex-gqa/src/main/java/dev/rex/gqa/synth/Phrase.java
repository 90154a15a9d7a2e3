package dev.rex.gqa.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a question or answer sentence word by word and records GQA's annotations: token index (or
 * {@code start:end} span, end exclusive) of each mention → object id, tokens counted on spaces as GQA does.
 */
final class Phrase {
    private final List<String> tokens = new ArrayList<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();

    Phrase w(String words) {
        for (String t : words.split(" ")) if (!t.isEmpty()) tokens.add(t);
        return this;
    }

    /** Punctuation attached to the previous word, as in GQA's text ("cabinets,"). */
    Phrase punct(String mark) {
        tokens.set(tokens.size() - 1, tokens.get(tokens.size() - 1) + mark);
        return this;
    }

    /** Words that mention an object (e.g. "red cup"): annotated as one span. */
    Phrase obj(String words, String objectId) {
        int start = tokens.size();
        w(words);
        int end = tokens.size();
        annotations.put(end - start == 1 ? Integer.toString(start) : start + ":" + end, objectId);
        return this;
    }

    /** The sentence, first letter capitalized, with its final punctuation attached to the last word. */
    String text(String end) {
        String t = String.join(" ", tokens) + end;
        return Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    Map<String, String> annotations() {
        return annotations;
    }
}
