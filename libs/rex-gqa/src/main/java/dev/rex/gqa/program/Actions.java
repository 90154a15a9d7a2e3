package dev.rex.gqa.program;

import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.build.RejectionCode;
import dev.rex.gqa.model.Relation;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.model.SceneObject;
import dev.rex.gqa.text.PyText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The actions of the templates ({@code program_executor.py}: exist_dep, find_common, same_attr, compare_attr,
 * logic_and, logic_or, verify_attr, relate_attr, query_attr). Each receives the texts of its dependencies (the
 * explanations of the steps it depends on, split at commas as the original does) and writes its sentence.
 * Where the original fails, a {@link RejectedException} names the step and the object.
 */
final class Actions {
    private static final Set<String> POSITIONS = Set.of("left", "right", "top", "bottom", "higher", "lower");
    private static final Set<String> FEMALE = Set.of("woman", "girl", "lady");

    private final SceneGraph graph;
    private final ImageState state;
    private final AttributeTable table;
    private final Supplier<RandomGenerator> randomSource;
    private RandomGenerator random;

    Actions(SceneGraph graph, ImageState state, AttributeTable table, Supplier<RandomGenerator> randomSource) {
        this.graph = graph;
        this.state = state;
        this.table = table;
        this.randomSource = randomSource;
    }

    String run(Template.Action action, String attr, String object, List<String> dependency, String where) {
        return switch (action) {
            case EXIST_DEP -> exist(dependency);
            case FIND_COMMON -> common(dependency, where);
            case SAME_ATTR, DIFFERENT_ATTR -> same(attr, dependency, where);
            case COMPARE_ATTR -> compare(attr, dependency, where);
            case LOGIC_AND -> logic(dependency, true, where);
            case LOGIC_OR -> logic(dependency, false, where);
            case VERIFY_ATTR -> verify(attr, dependency, where);
            case RELATE_ATTR -> relate(attr, object, dependency, where);
            case QUERY_ATTR -> query(attr, dependency, where);
        };
    }

    /** {@code validate_obj}: the id of the first parenthesised group mentioning {@code obj:} (its text from 4 on). */
    String validateObj(String phrase, String where) {
        String id = PyText.firstGroupContaining(phrase, "obj:", 4);
        if (id != null) return id;
        throw new RejectedException(RejectionCode.UNGROUNDED_OBJECT,
                where + ": no existing object in '" + phrase + "'");
    }

    SceneObject object(String id) {
        SceneObject o = graph.object(id);
        if (o == null) {
            throw new RejectedException(RejectionCode.MISSING_OBJECT,
                    "object " + id + " is not in the scene graph of image " + graph.imageId());
        }
        return o;
    }

    private static String dep(List<String> dependency, int i, String where) {
        if (i >= dependency.size()) {
            throw new RejectedException(RejectionCode.MISSING_DEPENDENCY,
                    where + ": needs " + (i + 1) + " dependencies, has " + dependency.size());
        }
        return dependency.get(i);
    }

    private String exist(List<String> dependency) {
        String d = dependency.get(0);
        return d.contains("obj*") ? "there is no " + d : d;
    }

    private String common(List<String> dependency, String where) {
        String d0 = dep(dependency, 0, where);
        String d1 = dep(dependency, 1, where);
        SceneObject o1 = object(validateObj(d0, where));
        SceneObject o2 = object(validateObj(d1, where));
        List<String> a2 = state.attributes(o2);
        for (String a : state.attributes(o1)) {
            if (a2.contains(a)) return "both " + d0 + " and " + d1 + " are " + a;
        }
        throw new RejectedException(RejectionCode.NO_COMMON_ATTRIBUTE,
                where + ": objects " + o1.id() + " and " + o2.id() + " share no attribute");
    }

    private String same(String select, List<String> dependency, String where) {
        if (select.equals("type")) return sameType(dependency, where);
        // object id -> its attributes of the category (dict keyed by id: a repeated object collapses)
        Map<String, List<String>> byObject = new LinkedHashMap<>();
        String last = null;
        for (String d : dependency) {
            SceneObject o = object(validateObj(d, where));
            if (select.equals("gender")) state.append(o, FEMALE.contains(o.name()) ? "female" : "male");
            List<String> attrs = state.attributes(o);
            if (!attrs.isEmpty() && table.category(select) == null) {
                throw new RejectedException(RejectionCode.UNKNOWN_CATEGORY,
                        where + ": '" + select + "' is not an attribute category");
            }
            List<String> inCategory = new ArrayList<>(2);
            for (String a : attrs) if (table.inCategory(select, a)) inCategory.add(a);
            byObject.put(o.id(), inCategory);
            last = o.id();
        }
        List<String> lastAttrs = byObject.get(last);
        if (lastAttrs.isEmpty()) {
            throw new RejectedException(RejectionCode.NO_CATEGORY_ATTRIBUTE,
                    where + ": object " + last + " has no " + select + " attribute");
        }
        for (String a : lastAttrs) {
            boolean shared = true;
            for (List<String> other : byObject.values()) {
                if (!other.contains(a)) {
                    shared = false;
                    break;
                }
            }
            if (shared) return String.join(",", dependency) + " are all " + a;
        }
        // no shared value: each object gets one of its values at random (seeded per question)
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, List<String>> e : byObject.entrySet()) {
            List<String> values = e.getValue();
            if (values.isEmpty()) {
                throw new RejectedException(RejectionCode.NO_CATEGORY_ATTRIBUTE,
                        where + ": object " + e.getKey() + " has no " + select + " attribute to choose from");
            }
            if (random == null) random = randomSource.get();
            String v = values.get(values.size() == 1 ? 0 : random.nextInt(values.size()));
            byValue.computeIfAbsent(v, k -> new ArrayList<>(2)).add(dependency.get(i++));
        }
        return groupPhrases(byValue);
    }

    private String sameType(List<String> dependency, String where) {
        Map<String, String> names = new LinkedHashMap<>();
        String last = null;
        for (String d : dependency) {
            last = validateObj(d, where);
            names.put(last, object(last).name());
        }
        if (new HashSet<>(names.values()).size() == 1) {
            return String.join(",", dependency) + " are all " + names.get(last);
        }
        Map<String, List<String>> byName = new LinkedHashMap<>();
        int i = 0;
        for (String name : names.values()) byName.computeIfAbsent(name, k -> new ArrayList<>(2)).add(dependency.get(i++));
        return groupPhrases(byName);
    }

    private static String groupPhrases(Map<String, List<String>> byValue) {
        List<String> phrases = new ArrayList<>(byValue.size());
        byValue.forEach((value, deps) ->
                phrases.add(String.join(" and ", deps) + (deps.size() > 1 ? " are " : " is ") + value));
        return String.join(",", phrases);
    }

    private String compare(String select, List<String> dependency, String where) {
        String d0 = dep(dependency, 0, where);
        String d1 = dep(dependency, 1, where);
        String id1 = validateObj(d0, where);
        String id2 = validateObj(d1, where);
        if (!select.equals("lower") && !select.equals("higher")) {
            Map<String, Integer> comparative = table.comparatives().get(select);
            if (comparative == null) {
                throw new RejectedException(RejectionCode.UNKNOWN_CATEGORY,
                        where + ": '" + select + "' is not a comparative");
            }
            SceneObject o1 = object(id1);
            SceneObject o2 = object(id2);
            Map<String, List<String>> found = new LinkedHashMap<>(); // keyed by text: equal texts collapse
            int i = 0;
            for (SceneObject o : new SceneObject[]{o1, o2}) {
                List<String> attrs = state.attributes(o);
                List<String> hits = new ArrayList<>(2);
                for (String candidate : comparative.keySet()) {
                    if (attrs.contains(candidate) || o.name().equals(candidate)) hits.add(candidate);
                }
                found.put(dependency.get(i++), hits);
            }
            List<String> phrases = new ArrayList<>(2);
            found.forEach((d, hits) -> {
                if (!hits.isEmpty()) phrases.add(d + " is " + String.join(",", hits));
            });
            return String.join(", while ", phrases);
        }
        return d0 + " is located at " + position(object(id1), where) + ", while " + d1 + " is located at "
                + position(object(id2), where);
    }

    /** {@code (str(round(x/width,1)),str(round(y/height,1)))}. */
    private String position(SceneObject o, String where) {
        if (graph.width() == 0 || graph.height() == 0) {
            throw new RejectedException(RejectionCode.ZERO_IMAGE_SIZE,
                    where + ": image " + graph.imageId() + " has width or height 0");
        }
        return "(" + PyText.round1(o.x() / graph.width()) + "," + PyText.round1(o.y() / graph.height()) + ")";
    }

    private String positions(List<String> dependency, String where) {
        List<String> phrases = new ArrayList<>(dependency.size());
        List<String> located = new ArrayList<>(dependency.size());
        for (String d : dependency) located.add(position(object(validateObj(d, where)), where));
        for (int i = 0; i < dependency.size(); i++) phrases.add(dependency.get(i) + " is located at " + located.get(i));
        return String.join(", ", phrases);
    }

    private String logic(List<String> dependency, boolean and, String where) {
        String d0 = dep(dependency, 0, where);
        String d1 = dep(dependency, 1, where);
        boolean e0 = !d0.contains("obj*");
        boolean e1 = !d1.contains("obj*");
        if (e0 && e1) {
            if (validateObj(d0, where).equals(validateObj(d1, where))) {
                String overlap = Lcs.objectDescription(d0, d1);
                if (overlap == null) {
                    throw new RejectedException(RejectionCode.NO_COMMON_TEXT,
                            where + ": '" + d0 + "' and '" + d1 + "' share no text");
                }
                return "there is " + d0 + " and " + d1.replace(overlap, "");
            }
            return "there are " + d0 + " and " + d1;
        }
        if (e0) return and ? "there is no " + d1 : "there is " + d0;
        if (e1) return and ? "there is no " + d0 : "there is " + d1;
        return "there is neither " + d0 + " nor " + d1;
    }

    private String verify(String select, List<String> dependency, String where) {
        if (select.indexOf('|') < 0) {
            if (select.contains("not(")) {
                List<String> groups = PyText.parenGroups(select);
                if (groups.isEmpty()) {
                    throw new RejectedException(RejectionCode.BAD_NOT_ATTRIBUTE,
                            where + ": attribute '" + select + "' has no closed not(…)");
                }
                select = groups.get(0);
            }
            select = PyText.squeeze(select);
            if (POSITIONS.contains(select)) return positions(dependency, where);
            boolean[] pass = new boolean[dependency.size()];
            int passed = 0;
            for (int i = 0; i < dependency.size(); i++) {
                String d = dependency.get(i);
                if (d.contains("obj*")) return "there is no " + d;
                SceneObject o = object(validateObj(d, where));
                pass[i] = state.attributes(o).contains(select) || o.name().equals(select);
                if (pass[i]) passed++;
            }
            if (passed == dependency.size()) {
                return dependency.size() > 1 ? String.join(",", dependency) + " are " + select
                        : dependency.get(0) + " is " + select;
            }
            if (dependency.size() == 1) return dependency.get(0) + " is not " + select;
            throw new RejectedException(RejectionCode.PARTIAL_VERIFY,
                    where + ": " + passed + " of " + dependency.size() + " objects are " + select);
        }
        for (String candidate : PyText.split(select, "|")) {
            boolean all = true;
            for (String d : dependency) {
                if (d.contains("obj*")) return "there is no " + d;
                SceneObject o = object(validateObj(d, where));
                boolean ok = POSITIONS.contains(candidate) ? onSide(o, candidate)
                        : state.attributes(o).contains(candidate) || o.name().equals(candidate);
                if (!ok) all = false;
            }
            if (all) {
                return dependency.size() > 1 ? String.join(",", dependency) + " are " + candidate
                        : dependency.get(0) + " is " + candidate;
            }
        }
        throw new RejectedException(RejectionCode.NO_MATCHING_CHOICE,
                where + ": none of '" + select + "' holds for " + String.join(",", dependency));
    }

    /** {@code verify_pos}: image halves, y growing downwards. */
    private boolean onSide(SceneObject o, String side) {
        return switch (side) {
            case "left" -> o.x() < graph.width() / 2;
            case "right" -> o.x() >= graph.width() / 2;
            case "bottom", "lower" -> o.y() > graph.height() / 2;
            default -> o.y() <= graph.height() / 2; // top, higher
        };
    }

    private String relate(String select, String object, List<String> dependency, String where) {
        String d0 = dependency.get(0);
        if (object.contains("obj*")) {
            if (select.indexOf('|') < 0) return "there is no " + object + " " + select + " " + d0;
            List<String> alternatives = new ArrayList<>();
            // the original joins relation and dependency without a space here
            for (String r : PyText.split(select, "|")) alternatives.add(object + " " + r + d0);
            return "there is no " + String.join(" or ", alternatives);
        }
        String objId = validateObj(object, where);
        String depId = validateObj(d0, where);
        SceneObject obj = object(objId);
        SceneObject dep = object(depId);
        if (select.indexOf('|') < 0) {
            boolean of = select.equals("of"); // GQA's ambiguous "of" takes the name of any relation found
            for (Relation r : obj.relations()) {
                if (r.object().equals(depId) && (of || r.name().equals(select))) {
                    return object + " " + (of ? r.name() : select) + " " + d0;
                }
            }
            for (Relation r : dep.relations()) {
                if (r.object().equals(objId) && (of || r.name().equals(select))) {
                    return object + " that " + d0 + " is " + (of ? r.name() : select);
                }
            }
            return object + " is not " + select + " " + d0;
        }
        List<String> candidates = PyText.split(select, "|");
        String chosen = null;
        for (String c : candidates) { // the last candidate found wins (the original breaks the inner loop only)
            for (Relation r : obj.relations()) {
                if (r.object().equals(depId) && r.name().equals(c)) {
                    chosen = c;
                    break;
                }
            }
        }
        if (chosen != null) return object + " " + chosen + " " + d0;
        for (String c : candidates) {
            for (Relation r : dep.relations()) {
                if (r.object().equals(objId) && r.name().equals(c)) {
                    chosen = c;
                    break;
                }
            }
        }
        if (chosen != null) return object + " that " + d0 + " is " + chosen;
        return "there is no " + object + " " + String.join(" or ", candidates) + " " + d0;
    }

    private String query(String select, List<String> dependency, String where) {
        String d0 = dependency.get(0);
        if (d0.contains("obj*")) return "there is no " + d0;
        String id = validateObj(d0, where);
        String result = "ERROR"; // the original's marker; post-processing drops these
        List<String> category = table.category(select);
        if (category != null) {
            if (select.equals("hposition") || select.equals("vposition")) return positions(dependency, where);
            if (select.equals("gender") || select.equals("place") || select.equals("room")) {
                result = object(id).name();
            } else {
                result = firstOf(category, state.attributes(object(id)), result);
            }
        } else if (PyText.isDigit(select) || select.equals("None") || select.equals("sport")) {
            // GQA annotations with a broken category: the original looks among the uncategorized values
            result = firstOf(table.category("uncategorized"), state.attributes(object(id)), result);
        } else {
            result = object(id).name();
        }
        return dependency.size() > 1 ? String.join(",", dependency) + " are " + result : d0 + " is " + result;
    }

    private static String firstOf(List<String> candidates, List<String> attributes, String otherwise) {
        for (String c : candidates) if (attributes.contains(c)) return c;
        return otherwise;
    }
}
