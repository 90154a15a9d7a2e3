package dev.rex.gqa.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic world's own small vocabulary: object classes with the GQA attribute categories they take
 * (category names as GQA's programs spell them: {@code filter color}, {@code query material} ...), the values a
 * class may take in each category, and the hypernym GQA's relate arguments use ({@code person,wearing,s}).
 * Every attribute word belongs to exactly one category, so that a query or a common-attribute question has one
 * answer. Words were chosen to be realistic GQA words; the lists are ours.
 */
public final class SynthVocabulary {

    /** What a class is for when a scene is composed. */
    public enum Kind { PERSON, CLOTHING, SURFACE, ITEM, ANIMAL, VEHICLE, SEAT, SCENERY }

    /** An object class: name, hypernym, kind, allowed values per category, relative box size ranges. */
    public record ObjectClass(String name, String hypernym, Kind kind, Map<String, List<String>> attributes,
                              double minW, double maxW, double minH, double maxH) {
        public boolean has(String category) {
            return attributes.containsKey(category);
        }
    }

    public static final String COLOR = "color";
    public static final String MATERIAL = "material";
    public static final String SIZE = "size";
    public static final String SHAPE = "shape";
    public static final String PATTERN = "pattern";
    public static final String POSE = "pose";
    public static final String CLEANLINESS = "cleanliness";

    /** Attribute categories in the order used when a reference needs a distinguishing adjective. */
    public static final List<String> CATEGORIES = List.of(COLOR, MATERIAL, SIZE, SHAPE, PATTERN, POSE, CLEANLINESS);

    /** Comparatives: GQA's {@code choose <comparative>} operations. */
    public static final List<String> COMPARATIVES = List.of("larger", "smaller", "older", "younger", "higher", "lower");

    /** Names that are children for older/younger (adults are the other people). */
    public static final List<String> CHILDREN = List.of("boy", "girl");

    /** Spatial and semantic relation names used in the scene graphs. */
    public static final String LEFT_OF = "to the left of";
    public static final String RIGHT_OF = "to the right of";
    public static final String WEARING = "wearing";
    public static final String HOLDING = "holding";
    public static final String ON = "on";
    public static final String SITTING_ON = "sitting on";
    public static final String NEAR = "near";

    private static final List<String> BRIGHT = List.of("red", "blue", "green", "yellow", "white", "black", "orange",
            "pink", "purple", "gray", "brown");
    private static final List<String> DULL = List.of("white", "black", "gray", "brown", "red", "blue");

    private static final Map<String, ObjectClass> CLASSES = new LinkedHashMap<>();
    private static final Map<String, String> CATEGORY_OF = new LinkedHashMap<>();

    static {
        // people: large, standing on the ground
        for (String n : List.of("man", "woman", "boy", "girl")) {
            boolean child = CHILDREN.contains(n);
            add(n, "person", Kind.PERSON, Map.of(POSE, List.of("standing", "walking", "sitting")),
                    child ? 0.08 : 0.11, child ? 0.13 : 0.18, child ? 0.3 : 0.45, child ? 0.4 : 0.62);
        }
        for (String n : List.of("shirt", "jacket", "sweater", "polo shirt", "coat")) {
            add(n, "clothing", Kind.CLOTHING, Map.of(COLOR, BRIGHT, PATTERN, List.of("striped", "checkered", "dotted")),
                    0, 0, 0, 0);
        }
        add("hat", "clothing", Kind.CLOTHING, Map.of(COLOR, BRIGHT), 0, 0, 0, 0);
        add("table", "furniture", Kind.SURFACE, Map.of(COLOR, DULL, MATERIAL, List.of("wood", "metal", "plastic", "glass")),
                0.3, 0.45, 0.14, 0.22);
        add("desk", "furniture", Kind.SURFACE, Map.of(COLOR, DULL, MATERIAL, List.of("wood", "metal")),
                0.28, 0.4, 0.14, 0.2);
        add("coffee table", "furniture", Kind.SURFACE, Map.of(COLOR, DULL, MATERIAL, List.of("wood", "glass", "marble")),
                0.25, 0.38, 0.1, 0.16);
        Map<String, List<String>> dish = Map.of(COLOR, List.of("white", "blue", "red", "green", "black", "yellow"),
                MATERIAL, List.of("porcelain", "glass", "plastic", "metal"), SIZE, List.of("large", "small"),
                CLEANLINESS, List.of("clean", "dirty"));
        add("cup", "dishware", Kind.ITEM, dish, 0.04, 0.06, 0.06, 0.09);
        add("mug", "dishware", Kind.ITEM, dish, 0.04, 0.06, 0.06, 0.09);
        add("bowl", "dishware", Kind.ITEM, withShape(dish), 0.07, 0.1, 0.05, 0.08);
        add("plate", "dishware", Kind.ITEM, withShape(dish), 0.09, 0.13, 0.04, 0.06);
        add("bottle", "container", Kind.ITEM, Map.of(COLOR, List.of("green", "brown", "blue", "white"),
                MATERIAL, List.of("glass", "plastic"), SIZE, List.of("large", "small")), 0.03, 0.05, 0.1, 0.15);
        add("pizza", "food", Kind.ITEM, Map.of(SIZE, List.of("large", "small"), SHAPE, List.of("round", "square")),
                0.1, 0.14, 0.04, 0.06);
        add("cake", "food", Kind.ITEM, Map.of(COLOR, List.of("white", "brown", "pink", "yellow"),
                SIZE, List.of("large", "small"), SHAPE, List.of("round", "square")), 0.08, 0.12, 0.06, 0.09);
        add("apple", "fruit", Kind.ITEM, Map.of(COLOR, List.of("red", "green", "yellow"), SIZE, List.of("large", "small")),
                0.03, 0.05, 0.04, 0.06);
        add("banana", "fruit", Kind.ITEM, Map.of(COLOR, List.of("yellow", "green", "brown"), SIZE, List.of("large", "small")),
                0.05, 0.08, 0.03, 0.05);
        add("book", "thing", Kind.ITEM, Map.of(COLOR, BRIGHT, SIZE, List.of("large", "small")), 0.06, 0.09, 0.04, 0.07);
        add("laptop", "device", Kind.ITEM, Map.of(COLOR, List.of("black", "gray", "white"), SIZE, List.of("large", "small"),
                MATERIAL, List.of("metal", "plastic")), 0.12, 0.16, 0.08, 0.12);
        add("phone", "device", Kind.ITEM, Map.of(COLOR, List.of("black", "white", "gray", "pink")), 0.03, 0.04, 0.05, 0.07);
        add("bag", "accessory", Kind.ITEM, Map.of(COLOR, BRIGHT, MATERIAL, List.of("leather", "plastic"),
                SIZE, List.of("large", "small"), PATTERN, List.of("striped", "checkered", "dotted")), 0.07, 0.1, 0.08, 0.12);
        add("umbrella", "accessory", Kind.ITEM, Map.of(COLOR, BRIGHT, PATTERN, List.of("striped", "dotted"),
                SIZE, List.of("large", "small")), 0.12, 0.2, 0.1, 0.16);
        Map<String, List<String>> fur = Map.of(COLOR, List.of("brown", "black", "white", "gray"),
                SIZE, List.of("large", "small"), POSE, List.of("standing", "lying", "sitting"),
                CLEANLINESS, List.of("clean", "dirty"));
        add("dog", "animal", Kind.ANIMAL, fur, 0.12, 0.2, 0.12, 0.2);
        add("cat", "animal", Kind.ANIMAL, fur, 0.08, 0.14, 0.08, 0.14);
        add("horse", "animal", Kind.ANIMAL, Map.of(COLOR, List.of("brown", "black", "white"),
                SIZE, List.of("large", "small"), POSE, List.of("standing", "lying")), 0.22, 0.32, 0.25, 0.38);
        add("bird", "animal", Kind.ANIMAL, Map.of(COLOR, List.of("black", "white", "gray", "blue", "yellow"),
                SIZE, List.of("large", "small")), 0.04, 0.07, 0.04, 0.07);
        Map<String, List<String>> car = Map.of(COLOR, BRIGHT, SIZE, List.of("large", "small"),
                CLEANLINESS, List.of("clean", "dirty"));
        add("car", "vehicle", Kind.VEHICLE, car, 0.22, 0.32, 0.14, 0.22);
        add("truck", "vehicle", Kind.VEHICLE, car, 0.26, 0.38, 0.2, 0.3);
        add("bus", "vehicle", Kind.VEHICLE, car, 0.32, 0.45, 0.25, 0.35);
        add("bike", "vehicle", Kind.VEHICLE, Map.of(COLOR, BRIGHT, SIZE, List.of("large", "small"),
                MATERIAL, List.of("metal")), 0.14, 0.2, 0.12, 0.18);
        add("chair", "furniture", Kind.SEAT, Map.of(COLOR, DULL, MATERIAL, List.of("wood", "metal", "plastic")),
                0.08, 0.12, 0.16, 0.24);
        add("bench", "furniture", Kind.SEAT, Map.of(COLOR, DULL, MATERIAL, List.of("wood", "metal", "concrete")),
                0.22, 0.3, 0.1, 0.16);
        add("tree", "plant", Kind.SCENERY, Map.of(COLOR, List.of("green", "brown"), SIZE, List.of("large", "small")),
                0.15, 0.28, 0.35, 0.6);
        add("building", "building", Kind.SCENERY, Map.of(COLOR, List.of("white", "gray", "red", "brown"),
                MATERIAL, List.of("brick", "concrete", "stone"), SIZE, List.of("large", "small")), 0.25, 0.45, 0.3, 0.5);
        add("lamp", "thing", Kind.SCENERY, Map.of(COLOR, List.of("white", "black", "gray", "brown"),
                MATERIAL, List.of("metal", "plastic")), 0.05, 0.08, 0.15, 0.25);
        add("clock", "thing", Kind.SCENERY, Map.of(COLOR, List.of("white", "black", "brown"), SHAPE, List.of("round", "square")),
                0.05, 0.08, 0.06, 0.1);
        add("fence", "barrier", Kind.SCENERY, Map.of(COLOR, List.of("white", "brown", "gray"),
                MATERIAL, List.of("wood", "metal")), 0.3, 0.5, 0.08, 0.14);
    }

    private static Map<String, List<String>> withShape(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>(m);
        out.put(SHAPE, List.of("round", "square"));
        return out;
    }

    private static void add(String name, String hypernym, Kind kind, Map<String, List<String>> attrs,
                            double minW, double maxW, double minH, double maxH) {
        // Fixed category order (Map.of is unordered) so that generation is deterministic.
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String c : CATEGORIES) {
            if (attrs.containsKey(c)) ordered.put(c, List.copyOf(attrs.get(c)));
        }
        for (Map.Entry<String, List<String>> e : ordered.entrySet()) {
            for (String v : e.getValue()) {
                String prev = CATEGORY_OF.putIfAbsent(v, e.getKey());
                if (prev != null && !prev.equals(e.getKey())) {
                    throw new IllegalStateException(v + " is both " + prev + " and " + e.getKey());
                }
            }
        }
        CLASSES.put(name, new ObjectClass(name, hypernym, kind, Collections.unmodifiableMap(ordered),
                minW, maxW, minH, maxH));
    }

    private SynthVocabulary() {
    }

    public static ObjectClass get(String name) {
        ObjectClass c = CLASSES.get(name);
        if (c == null) throw new IllegalArgumentException("unknown synthetic class " + name);
        return c;
    }

    public static List<ObjectClass> ofKind(Kind kind) {
        List<ObjectClass> out = new ArrayList<>();
        for (ObjectClass c : CLASSES.values()) if (c.kind() == kind) out.add(c);
        return out;
    }

    public static List<ObjectClass> classes() {
        return List.copyOf(CLASSES.values());
    }

    /** The category of an attribute value, or null. */
    public static String categoryOf(String attribute) {
        return CATEGORY_OF.get(attribute);
    }

    /** All attribute values, in first-declared order. */
    public static List<String> attributes() {
        return List.copyOf(CATEGORY_OF.keySet());
    }

    /** True when {@code name} is {@code word} or {@code word} is its hypernym ("person" for "man"). */
    public static boolean isA(String name, String word) {
        if (name.equals(word)) return true;
        ObjectClass c = CLASSES.get(name);
        return c != null && c.hypernym().equals(word);
    }

    public static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
