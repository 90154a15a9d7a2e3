package dev.rex.gqa.program;

import java.util.List;

/**
 * The twelve explanation templates, one per abstract operation (the original's {@code exp_template.json}).
 * A template is a sequence of parts: fixed words, the step's object, its argument, the explanations of its
 * first / second dependencies, and at most one action that turns the collected parts into the sentence.
 * Templates without an action join their parts' texts with spaces.
 */
public enum Template {
    SELECT(Part.OBJ),
    RELATE(Part.OBJ, Part.ARG, Part.DEP2, Part.action(Action.RELATE_ATTR)),
    QUERY(Part.DEP1, Part.word("is"), Part.ARG, Part.action(Action.QUERY_ATTR)),
    EXIST(Part.word("there"), Part.action(Action.EXIST_DEP), Part.DEP1),
    FILTER(Part.ARG, Part.DEP1),
    VERIFY(Part.DEP1, Part.word("is"), Part.ARG, Part.action(Action.VERIFY_ATTR)),
    COMMON(Part.word("both"), Part.DEP1, Part.word("and"), Part.DEP2, Part.word("are"),
            Part.action(Action.FIND_COMMON)),
    SAME(Part.DEP1, Part.ARG, Part.action(Action.SAME_ATTR)),
    DIFFERENT(Part.DEP1, Part.ARG, Part.action(Action.DIFFERENT_ATTR)),
    COMPARE(Part.DEP1, Part.word("is"), Part.ARG, Part.word("than"), Part.DEP2, Part.action(Action.COMPARE_ATTR)),
    AND(Part.DEP1, Part.action(Action.LOGIC_AND), Part.DEP2),
    OR(Part.DEP1, Part.action(Action.LOGIC_OR), Part.DEP2);

    /** What an action does with the parts (see {@link Actions}). */
    public enum Action {
        EXIST_DEP, FIND_COMMON, SAME_ATTR, DIFFERENT_ATTR, COMPARE_ATTR, LOGIC_AND, LOGIC_OR, VERIFY_ATTR,
        RELATE_ATTR, QUERY_ATTR
    }

    public enum Kind { WORD, OBJ, ARG, DEP1, DEP2, ACTION }

    /** One part of a template. */
    public record Part(Kind kind, String word, Action action) {
        static final Part OBJ = new Part(Kind.OBJ, null, null);
        static final Part ARG = new Part(Kind.ARG, null, null);
        static final Part DEP1 = new Part(Kind.DEP1, null, null);
        static final Part DEP2 = new Part(Kind.DEP2, null, null);

        static Part word(String w) {
            return new Part(Kind.WORD, w, null);
        }

        static Part action(Action a) {
            return new Part(Kind.ACTION, null, a);
        }
    }

    private final List<Part> parts;
    private final Action action;

    Template(Part... parts) {
        this.parts = List.of(parts);
        Action a = null;
        for (Part p : parts) if (p.kind() == Kind.ACTION) a = p.action();
        this.action = a;
    }

    public List<Part> parts() {
        return parts;
    }

    /** The template's action, or {@code null} for templates whose parts are simply joined. */
    public Action action() {
        return action;
    }

    /** The abstract operation name this template explains. */
    public String operation() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The template for an abstract operation name, or {@code null}. */
    public static Template forOperation(String op) {
        return switch (op) {
            case "select" -> SELECT;
            case "relate" -> RELATE;
            case "query" -> QUERY;
            case "exist" -> EXIST;
            case "filter" -> FILTER;
            case "verify" -> VERIFY;
            case "common" -> COMMON;
            case "same" -> SAME;
            case "different" -> DIFFERENT;
            case "compare" -> COMPARE;
            case "and" -> AND;
            case "or" -> OR;
            default -> null;
        };
    }
}
