package dev.rex.gqa.post;

import dev.rex.gqa.build.DropReason;
import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.build.RejectionCode;
import dev.rex.gqa.text.PyText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage 3 ({@code post_processing.py}): drops explanations the original drops ({@code ERROR}, the scene,
 * empty), then repairs the text: plural rewriting with the corpus rules, a missing "is" before "to the left/right
 * of", adjectives of position ("is left" → "is on the left"), reversed descriptions of relative position and of
 * "that … is wearing" relations, and {@code not(attr)} moved to a closing clause.
 */
public final class PostProcessor {
    private static final Map<String, String> POSITION_WORDS = Map.of(
            "is left", "is on the left", "is right", "is on the right",
            "is top", "is at the top", "is bottom", "is at the bottom");
    private static final String[] POSITION_ORDER = {"is left", "is right", "is top", "is bottom"};
    private static final Map<String, String> REVERSED = Map.of(
            "is to the left of", "is to the right of", "is to the right of", "is to the left of",
            "is behind", "is in front of", "is above", "is below", "is below", "is above",
            "is in front of", "is behind", "is on top of", "is below");

    private final TokenRewrite rewrite;

    public PostProcessor(TokenRewrite rewrite) {
        this.rewrite = rewrite;
    }

    /** The drop reason of a raw explanation, or {@code null} when it is kept. */
    public static DropReason dropReason(String raw) {
        if (raw.contains("ERROR")) return DropReason.ERROR;
        if (raw.contains("(obj*:scene)")) return DropReason.SCENE;
        if (raw.isEmpty()) return DropReason.EMPTY;
        return null;
    }

    /** The processed explanation of a kept raw explanation; {@code answer} is the question's answer. */
    public String process(String raw, String answer) {
        String s = raw.indexOf('?') < 0 ? raw : raw.replace("?", "");
        List<String> words = PyText.words(s);
        rewrite.apply(words);
        s = String.join(" ", words);

        if (!s.contains(" is ")) {
            if (s.contains("to the left of")) s = insertIs(s, "to the left of");
            else if (s.contains("to the right of")) s = insertIs(s, "to the right of");
        }
        if (s.contains("is ")) {
            for (String k : POSITION_ORDER) if (s.contains(k)) s = s.replace(k, POSITION_WORDS.get(k));
        }

        // ' '.join(t[-n:]) == phrase, for a phrase of n words, is: the text ends with the phrase after a space
        List<String> t = null;
        if (endsWithWords(s, "is to the left of") || endsWithWords(s, "is to the right of")) {
            t = correctPosition(PyText.split(s, " "), 5, answer);
        } else if (endsWithWords(s, "is behind") || endsWithWords(s, "is above") || endsWithWords(s, "is below")) {
            t = correctPosition(PyText.split(s, " "), 2, answer);
        } else if (endsWithWords(s, "is in front of") || endsWithWords(s, "is on top of")) {
            t = correctPosition(PyText.split(s, " "), 4, answer);
        }
        if (t != null) s = String.join(" ", t);

        int lastSpace = s.lastIndexOf(' ');
        String lastWord = s.substring(lastSpace + 1);
        if (lastWord.endsWith("ing") && !lastWord.equals("building")) {
            t = PyText.split(s, " ");
            if (t.size() < 2) {
                throw new RejectedException(RejectionCode.SHORT_EXPLANATION,
                        "post-processing: one-word explanation '" + lastWord + "'");
            }
            if (t.get(t.size() - 2).equals("is")) {
                int that = t.indexOf("that");
                if (countObjects(t) == 2 && that >= 0) {
                    s = String.join(" ", concat(t.subList(that + 1, t.size()), t.subList(0, that)));
                }
            }
        }

        if (s.contains("not(")) {
            List<String> nots = PyText.notGroups(s);
            if (nots.size() == 1) { // the original leaves texts with several not(…) as they are
                String attr = nots.get(0);
                List<String> after = PyText.split(s, "not(" + attr + ") ");
                String obj = PyText.split(after.get(after.size() - 1), " ").get(0);
                s = s.replace("not(" + attr + ")", "");
                if (!s.contains("is")) s = "there is " + s;
                s = s + ", and " + obj + " is not " + attr;
            }
        }
        return PyText.squeeze(s);
    }

    private static boolean endsWithWords(String s, String phrase) {
        return s.endsWith(phrase) && (s.length() == phrase.length() || s.charAt(s.length() - phrase.length() - 1) == ' ');
    }

    /** "X to the left of Y" without any " is " gets "X is to the left of Y" (text after a second match is lost). */
    private static String insertIs(String s, String phrase) {
        List<String> parts = PyText.split(s, phrase);
        return parts.get(0) + "is " + phrase + parts.get(1);
    }

    private static int countObjects(List<String> t) {
        int n = 0;
        for (String w : t) if (w.indexOf('(') >= 0) n++;
        return n;
    }

    /** {@code correct_pos}: reorder or reverse a relative-position description ending the text. */
    private static List<String> correctPosition(List<String> t, int offset, String answer) {
        int that = t.indexOf("that");
        int pivot = Math.max(that, 0);
        boolean yesNo = "yes".equals(answer) || "no".equals(answer);
        if (countObjects(t) == 2 && "yes".equals(answer)) {
            return concat(PyTail.slice(t, pivot + 1, t.size()), PyTail.slice(t, 0, pivot));
        }
        if (countObjects(t) == 2 || yesNo) {
            List<String> reversed = PyText.split(REVERSED.get(PyTail.join(t, offset)), " ");
            List<String> out = new ArrayList<>(PyTail.slice(t, 0, pivot));
            out.addAll(reversed);
            out.addAll(PyTail.slice(t, pivot + 1, t.size() - offset));
            return out;
        }
        List<String> out = new ArrayList<>(t.size() + 1);
        out.add(t.get(0));
        out.add("is");
        out.addAll(t.subList(1, t.size()));
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }
}
