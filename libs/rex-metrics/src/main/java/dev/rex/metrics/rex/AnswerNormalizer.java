package dev.rex.metrics.rex;

import java.util.Map;

/**
 * REX's {@code ANS_CONVERT} ({@code model/util/dataloader.py}): the ground-truth answers are rewritten with
 * this table before answers are indexed and compared ("a man" → "man", number words → digits, "grey" →
 * "gray"); any other answer is kept as is.
 */
public final class AnswerNormalizer {

    static final Map<String, String> ANS_CONVERT = Map.ofEntries(
            Map.entry("a man", "man"),
            Map.entry("the man", "man"),
            Map.entry("a woman", "woman"),
            Map.entry("the woman", "woman"),
            Map.entry("one", "1"),
            Map.entry("two", "2"),
            Map.entry("three", "3"),
            Map.entry("four", "4"),
            Map.entry("five", "5"),
            Map.entry("six", "6"),
            Map.entry("seven", "7"),
            Map.entry("eight", "8"),
            Map.entry("nine", "9"),
            Map.entry("ten", "10"),
            Map.entry("grey", "gray"));

    private AnswerNormalizer() {
    }

    /** The answer after {@code ANS_CONVERT} (exact, case-sensitive key match, as in the original). */
    public static String convert(String answer) {
        return ANS_CONVERT.getOrDefault(answer, answer);
    }
}
