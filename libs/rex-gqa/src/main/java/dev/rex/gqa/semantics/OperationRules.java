package dev.rex.gqa.semantics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's own rules for abstracting GQA operation names (what the original keeps in
 * {@code simplified_mapping_exp.json}). GQA names an operation by a verb and, for most verbs, an attribute
 * category ({@code "verify color"}, {@code "choose older"}). The rules: the verb decides the abstract operation
 * and the form; a few names are exceptions that the original maps elsewhere ({@code verify shape} behaves as a
 * filter, {@code filter length} and {@code filter brightness} as verifications); comparative {@code choose}s
 * become {@code compare}. Only the names listed here are known: the original fails on any other name, ours
 * rejects the question ({@code UNKNOWN_OPERATION}).
 */
public final class OperationRules {
    /** An abstraction rule: the abstract operation, its form, and the fixed argument of the fixed forms. */
    public record Rule(String operation, StepForm form, String fixedArgument) {
    }

    // Category suffixes GQA uses with each verb (GQA's attribute categories, as they occur in its programs).
    private static final List<String> FILTER_CATEGORIES = List.of("", "color", "material", "hposition",
            "vposition", "size", "pose", "activity", "shape", "height", "age", "pattern", "face expression",
            "sportActivity", "cleanliness", "weather", "state", "sport", "thickness", "opaqness", "flavor",
            "fatness", "width", "tone", "gender", "race", "hardness", "room", "liquid", "depth", "weight",
            "orientation", "realism", "company", "event", "texture");
    private static final List<String> FILTERS_THAT_VERIFY = List.of("length", "brightness");
    private static final List<String> VERIFY_CATEGORIES = List.of("", "hposition", "vposition", "size",
            "material", "location", "length", "weather", "height", "pose", "pattern", "place", "cleanliness",
            "state", "thickness", "activity", "tone", "age", "sportActivity", "hardness", "face expression",
            "width", "fatness", "opaqness", "weight", "depth", "gender", "company", "realism", "race", "flavor",
            "type", "brightness", "texture", "color", "room");
    private static final List<String> VERIFIES_THAT_FILTER = List.of("shape");
    private static final List<String> CHOOSE_CATEGORIES = List.of("", "hposition", "vposition", "color", "name",
            "material", "location", "size", "place", "weather", "length", "pose", "activity", "height",
            "sportActivity", "shape", "cleanliness", "thickness", "state", "pattern", "width", "tone", "age",
            "depth", "face expression", "fatness", "weight", "flavor", "race", "opaqness", "gender", "company",
            "hardness", "brightness", "realism");
    /** Comparatives of {@code choose}: GQA's wording → the comparative key of the attribute table. */
    private static final Map<String, String> CHOOSE_COMPARATIVES = orderedPairs("younger", "younger",
            "older", "older", "less healthy", "less-healthy", "healthier", "healthier", "shorter", "shorter",
            "higher", "higher", "taller", "taller", "larger", "larger", "smaller", "smaller", "lower", "lower");
    private static final List<String> SAME_CATEGORIES = List.of("color", "material", "shape");
    private static final List<String> DIFFERENT_CATEGORIES = List.of("color", "shape");

    private static final Map<String, Rule> RULES = build();

    private OperationRules() {
    }

    /** The rule for a GQA operation name, or {@code null} when the name is not a known GQA operation. */
    public static Rule lookup(String gqaOperation) {
        return RULES.get(gqaOperation);
    }

    /** Every known operation name with its rule, in a stable order. */
    public static Map<String, Rule> all() {
        return RULES;
    }

    private static Map<String, Rule> build() {
        Map<String, Rule> m = new LinkedHashMap<>();
        m.put("select", new Rule("select", StepForm.OBJECT, null));
        m.put("relate", new Rule("relate", StepForm.RELATION, null));
        m.put("verify rel", new Rule("relate", StepForm.RELATION, null));
        m.put("choose rel", new Rule("relate", StepForm.RELATION, null));
        m.put("query", new Rule("query", StepForm.ATTRIBUTE, null));
        m.put("exist", new Rule("exist", StepForm.EXISTENCE, null));
        for (String op : List.of("and", "or", "common")) m.put(op, new Rule(op, StepForm.TWO_DEPENDENCIES, "-1"));
        for (String c : FILTER_CATEGORIES) m.put(name("filter", c), new Rule("filter", StepForm.ATTRIBUTE, null));
        for (String c : FILTERS_THAT_VERIFY) m.put(name("filter", c), new Rule("verify", StepForm.ATTRIBUTE, null));
        for (String c : VERIFY_CATEGORIES) m.put(name("verify", c), new Rule("verify", StepForm.ATTRIBUTE, null));
        for (String c : VERIFIES_THAT_FILTER) m.put(name("verify", c), new Rule("filter", StepForm.ATTRIBUTE, null));
        for (String c : CHOOSE_CATEGORIES) m.put(name("choose", c), new Rule("verify", StepForm.ATTRIBUTE, null));
        CHOOSE_COMPARATIVES.forEach((wording, key) ->
                m.put(name("choose", wording), new Rule("compare", StepForm.TWO_DEPENDENCIES, key)));
        // plain same/different take GQA's argument; with a category, the category is the argument
        m.put("same", new Rule("same", StepForm.ATTRIBUTE, null));
        m.put("different", new Rule("different", StepForm.ATTRIBUTE, null));
        for (String c : SAME_CATEGORIES) m.put(name("same", c), new Rule("same", StepForm.FIXED_ARGUMENT, c));
        for (String c : DIFFERENT_CATEGORIES) {
            m.put(name("different", c), new Rule("different", StepForm.FIXED_ARGUMENT, c));
        }
        return Collections.unmodifiableMap(m);
    }

    private static String name(String verb, String category) {
        return category.isEmpty() ? verb : verb + " " + category;
    }

    private static Map<String, String> orderedPairs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
