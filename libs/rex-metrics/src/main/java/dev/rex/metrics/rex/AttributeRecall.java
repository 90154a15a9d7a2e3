package dev.rex.metrics.rex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attribute recall as REX computes it ({@code Attribute_Evaluator}): for each evaluated question listed in
 * {@code attribute_eval_list.json}, each of its attributes is recalled when {@code attr + " "} or
 * {@code " " + attr} occurs in the predicted explanation (plain substring test); the recall of a category
 * ({@code attr2cat.json}) is the mean over all its attribute instances. The original also reads
 * {@code attribute_bank_rel.json} for the category list, a file missing from its repository: the categories
 * are those of {@code attr2cat}, in first-appearance order (ARCHITECTURE §6). A category without instances has no
 * recall ({@code null}; NumPy gives NaN). An attribute missing from {@code attr2cat} (the original raises
 * {@code KeyError}) is counted and skipped.
 */
public final class AttributeRecall {

    private final Map<String, List<String>> evalList;
    private final Map<String, String> attr2cat;
    private final List<String> categories;

    /** Recall per category (raw scale, null when no instance), per qid and category, and skipped attributes. */
    public record Result(Map<String, Double> perCategory, Map<String, Map<String, Double>> perQuestion,
                         int unknownAttributes) {
        public Result {
            perCategory = Collections.unmodifiableMap(new LinkedHashMap<>(perCategory));
            perQuestion = Collections.unmodifiableMap(new LinkedHashMap<>(perQuestion));
        }
    }

    public AttributeRecall(Map<String, List<String>> evalList, Map<String, String> attr2cat) {
        this(evalList, attr2cat, List.copyOf(new LinkedHashSet<>(attr2cat.values())));
    }

    /**
     * @param categories the categories reported, in order (the keys of the original's attribute bank); an attribute
     *                   whose category is not among them is counted as unknown and skipped
     */
    public AttributeRecall(Map<String, List<String>> evalList, Map<String, String> attr2cat, List<String> categories) {
        this.evalList = new LinkedHashMap<>(evalList);
        this.attr2cat = new LinkedHashMap<>(attr2cat);
        this.categories = List.copyOf(categories);
    }

    /**
     * Reads the three tables of a directory as REX's {@code Attribute_Evaluator} does: {@code attribute_eval_list.json},
     * {@code attr2cat.json} and the attribute bank (category → attributes) for the category order:
     * {@code attribute_bank_rel.json}, the name the original reads, else {@code attribute_bank.json}; without a bank,
     * the categories of {@code attr2cat} in first-appearance order.
     */
    public static AttributeRecall loadDirectory(Path dir) {
        Path list = dir.resolve("attribute_eval_list.json");
        Path cats = dir.resolve("attr2cat.json");
        for (Path f : List.of(list, cats)) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException(dir + " has no " + f.getFileName() + " (an attribute directory holds "
                        + "attribute_eval_list.json, attr2cat.json and optionally attribute_bank_rel.json)");
            }
        }
        AttributeRecall plain = load(list, cats);
        for (String name : List.of("attribute_bank_rel.json", "attribute_bank.json")) {
            Path bank = dir.resolve(name);
            if (Files.isRegularFile(bank)) {
                List<String> order = new ArrayList<>();
                readObject(new ObjectMapper(), bank, "attribute bank").fieldNames().forEachRemaining(order::add);
                return new AttributeRecall(plain.evalList, plain.attr2cat, order);
            }
        }
        return plain;
    }

    /** Reads REX's {@code attribute_eval_list.json} (qid → [attribute]) and {@code attr2cat.json} (attribute → category). */
    public static AttributeRecall load(Path evalListFile, Path attr2catFile) {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> list = new LinkedHashMap<>();
        JsonNode root = readObject(json, evalListFile, "attribute eval list");
        root.fields().forEachRemaining(e -> {
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException(evalListFile + ": qid " + e.getKey() + " must map to a list of attributes");
            }
            List<String> attrs = new ArrayList<>();
            e.getValue().forEach(a -> attrs.add(a.asText()));
            list.put(e.getKey(), attrs);
        });
        Map<String, String> cats = new LinkedHashMap<>();
        readObject(json, attr2catFile, "attr2cat").fields()
                .forEachRemaining(e -> cats.put(e.getKey(), e.getValue().asText()));
        return new AttributeRecall(list, cats);
    }

    private static JsonNode readObject(ObjectMapper json, Path file, String what) {
        try {
            JsonNode root = json.readTree(Files.newBufferedReader(file));
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException(what + " " + file + ": expected a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    public List<String> categories() {
        return categories;
    }

    /** @param predictions qid → predicted explanation (every prediction, empty ones included), in order */
    public Result evaluate(Map<String, String> predictions) {
        Map<String, long[]> byCategory = new LinkedHashMap<>(); // {recalled, total}
        categories.forEach(c -> byCategory.put(c, new long[2]));
        Map<String, Map<String, Double>> perQuestion = new LinkedHashMap<>();
        int unknown = 0;
        for (Map.Entry<String, String> e : predictions.entrySet()) {
            List<String> attrs = evalList.get(e.getKey());
            if (attrs == null) {
                continue;
            }
            String pred = e.getValue() == null ? "" : e.getValue();
            Map<String, long[]> mine = new LinkedHashMap<>();
            for (String attr : attrs) {
                String cat = attr2cat.get(attr);
                if (cat == null || !byCategory.containsKey(cat)) {
                    unknown++;
                    continue;
                }
                boolean hit = pred.contains(attr + " ") || pred.contains(" " + attr);
                long[] c = byCategory.get(cat);
                long[] q = mine.computeIfAbsent(cat, k -> new long[2]);
                c[1]++;
                q[1]++;
                if (hit) {
                    c[0]++;
                    q[0]++;
                }
            }
            Map<String, Double> recall = new LinkedHashMap<>();
            mine.forEach((cat, c) -> recall.put(cat, c[0] / (double) c[1]));
            perQuestion.put(e.getKey(), recall);
        }
        Map<String, Double> perCategory = new LinkedHashMap<>();
        byCategory.forEach((cat, c) -> perCategory.put(cat, c[1] == 0 ? null : c[0] / (double) c[1]));
        return new Result(perCategory, perQuestion, unknown);
    }

    /** The set of qids the eval list covers. */
    public Set<String> qids() {
        return evalList.keySet();
    }
}
