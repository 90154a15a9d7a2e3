package dev.rex.gqa.program;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GQA's attribute categories and the comparatives, as the functional program consults them: ordered lists
 * (the first value of a category that an object has is the answer to a query) and sets for membership.
 * Loaded from the project's resource {@code attributes.txt} (format described in its header).
 */
public final class AttributeTable {
    private static final AttributeTable DEFAULT = load();

    private final Map<String, List<String>> categories;
    private final Map<String, Set<String>> categorySets;
    private final Map<String, Map<String, Integer>> comparatives;

    AttributeTable(Map<String, List<String>> categories, Map<String, Map<String, Integer>> comparatives) {
        this.categories = Collections.unmodifiableMap(categories);
        this.comparatives = Collections.unmodifiableMap(comparatives);
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        categories.forEach((k, v) -> sets.put(k, Set.copyOf(new HashSet<>(v))));
        this.categorySets = sets;
    }

    public static AttributeTable standard() {
        return DEFAULT;
    }

    /** Category name → values in scan order (the original's {@code attr_mapping['categorized']}). */
    public Map<String, List<String>> categories() {
        return categories;
    }

    /** Comparative → value → direction (+1/−1), in scan order (the original's {@code attr_mapping['comparative']}). */
    public Map<String, Map<String, Integer>> comparatives() {
        return comparatives;
    }

    public List<String> category(String name) {
        return categories.get(name);
    }

    public boolean inCategory(String category, String value) {
        Set<String> s = categorySets.get(category);
        return s != null && s.contains(value);
    }

    private static AttributeTable load() {
        try (InputStream in = AttributeTable.class.getResourceAsStream("attributes.txt")) {
            if (in == null) throw new IllegalStateException("resource dev/rex/gqa/program/attributes.txt missing");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AttributeTable parse(BufferedReader r) throws IOException {
        Map<String, List<String>> cats = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> comps = new LinkedHashMap<>();
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            int space = line.indexOf(' ');
            if (colon < 0 || space < 0 || space > colon) throw new IllegalStateException("attributes.txt:" + n);
            String kind = line.substring(0, space);
            String name = line.substring(space + 1, colon);
            String[] values = line.substring(colon + 1).trim().split(" \\| ");
            if (kind.equals("category")) {
                cats.put(name, List.of(values));
            } else if (kind.equals("comparative")) {
                Map<String, Integer> m = new LinkedHashMap<>();
                for (String v : values) {
                    int cut = v.lastIndexOf(' ');
                    m.put(v.substring(0, cut), Integer.parseInt(v.substring(cut + 1).replace("+", "")));
                }
                comps.put(name, Collections.unmodifiableMap(m));
            } else {
                throw new IllegalStateException("attributes.txt:" + n + ": unknown entry kind '" + kind + "'");
            }
        }
        return new AttributeTable(cats, comps);
    }
}
