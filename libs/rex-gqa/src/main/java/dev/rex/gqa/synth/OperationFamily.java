package dev.rex.gqa.synth;

import java.util.Set;

/**
 * The thirteen operation families of GQA programs, from an operation string as GQA spells it
 * ({@code "filter color"}, {@code "verify rel"}, {@code "choose healthier"} ...). A {@code choose} with a
 * comparative ({@code choose larger}) is a comparison, as in REX's simplified mapping.
 */
public enum OperationFamily {
    SELECT, RELATE, FILTER, QUERY, VERIFY, CHOOSE, EXIST, AND, OR, SAME, DIFFERENT, COMMON, COMPARE;

    static final Set<String> COMPARATIVES = Set.of("healthier", "less healthy", "older", "younger", "taller",
            "shorter", "larger", "smaller", "higher", "lower");

    public static OperationFamily of(String operation) {
        int sp = operation.indexOf(' ');
        String head = sp < 0 ? operation : operation.substring(0, sp);
        if (head.equals("choose") && sp > 0 && COMPARATIVES.contains(operation.substring(sp + 1))) return COMPARE;
        return switch (head) {
            case "select" -> SELECT;
            case "relate" -> RELATE;
            case "filter" -> FILTER;
            case "query" -> QUERY;
            case "verify" -> VERIFY;
            case "choose" -> CHOOSE;
            case "exist" -> EXIST;
            case "and" -> AND;
            case "or" -> OR;
            case "same" -> SAME;
            case "different" -> DIFFERENT;
            case "common" -> COMMON;
            default -> throw new IllegalArgumentException("unknown GQA operation '" + operation + "'");
        };
    }
}
