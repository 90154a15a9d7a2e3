package dev.rex.gqa.synth;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executes a GQA {@code semantic} program over a GQA scene graph (both as parsed JSON) and returns the answer —
 * written independently of the question generator, from GQA's operation conventions, to check that every
 * synthetic answer follows from its program and scene. It also checks the object ids a program lists, as GQA
 * lists them: a {@code relate} lists exactly the objects it finds; a {@code select} lists its referents — some of
 * the objects of that name ({@code -} when there are none), and when a {@code filter} follows, exactly the objects
 * the filter keeps.
 *
 * <p>Semantics: {@code select} finds objects by name; {@code filter <cat>: v} keeps those with attribute v;
 * {@code relate: n,r,s|o} follows relation r from (s) or to (o) the dependency, keeping objects named n (or of
 * hypernym n; {@code _} for any); {@code query}, {@code verify}, {@code choose} read one object's name, attribute
 * or position (left/right, top/bottom by the box centre); {@code verify rel}/{@code choose rel} test relations;
 * {@code exist}, {@code and}, {@code or}; {@code same}/{@code different <cat>} compare the values of two objects;
 * {@code common} names the one category whose value two objects share; {@code choose <comparative>} names the
 * object that is larger/smaller (size), older/younger (adult vs child) or higher/lower (box centre).
 */
public final class GqaProgramExecutor {

    /** The program or its listed ids disagree with the scene. */
    public static final class ProgramException extends RuntimeException {
        public ProgramException(String message) {
            super(message);
        }
    }

    private final JsonNode scene;
    private final JsonNode objects;

    public GqaProgramExecutor(JsonNode scene) {
        this.scene = scene;
        this.objects = scene.get("objects");
    }

    /** Runs the program and returns the last step's value as GQA's answer text. */
    public String answer(JsonNode semantic) {
        List<Object> values = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (JsonNode st : semantic) {
            String op = st.get("operation").asText();
            String arg = st.get("argument").asText();
            List<Object> deps = new ArrayList<>();
            for (JsonNode d : st.get("dependencies")) deps.add(values.get(d.asInt()));
            Object value = step(op, arg, deps);
            if (op.startsWith("filter") && ops.get(st.get("dependencies").get(0).asInt()).equals("select")) {
                Set<String> listed = ids(args.get(st.get("dependencies").get(0).asInt()));
                if (!listed.equals(value) && !listed.equals(values.get(st.get("dependencies").get(0).asInt()))) {
                    throw new ProgramException(op + ": " + arg + " keeps " + value + " but the select lists " + listed);
                }
            }
            values.add(value);
            ops.add(op);
            args.add(arg);
        }
        Object last = values.get(values.size() - 1);
        if (last instanceof Boolean b) return b ? "yes" : "no";
        if (last instanceof String s) return s;
        throw new ProgramException("program ends in an object set, not an answer");
    }

    private Object step(String op, String arg, List<Object> deps) {
        int sp = op.indexOf(' ');
        String head = sp < 0 ? op : op.substring(0, sp);
        String cat = sp < 0 ? null : op.substring(sp + 1);
        switch (head) {
            case "select": {
                String name = arg.substring(0, arg.lastIndexOf(" ("));
                Set<String> found = new LinkedHashSet<>();
                for (Map.Entry<String, JsonNode> e : objects.properties()) {
                    if (e.getValue().get("name").asText().equals(name)) found.add(e.getKey());
                }
                Set<String> listed = ids(arg);
                if (!found.containsAll(listed) || listed.isEmpty() != found.isEmpty()) {
                    throw new ProgramException(op + ": " + arg + " lists " + listed + " but the scene has " + found);
                }
                return found;
            }
            case "filter": {
                Set<String> out = new LinkedHashSet<>();
                for (String id : set(deps.get(0))) if (hasValue(id, cat, arg)) out.add(id);
                return out;
            }
            case "relate":
                return checkIds(op, arg, relate(arg, set(deps.get(0))));
            case "query": {
                String id = single(deps.get(0), op);
                if (arg.equals("name")) return name(id);
                return valueOf(id, arg);
            }
            case "verify": {
                if ("rel".equals(cat)) return !relate(arg, set(deps.get(0))).isEmpty();
                return hasValue(single(deps.get(0), op), cat, arg);
            }
            case "choose": {
                if (OperationFamily.COMPARATIVES.contains(cat)) return compare(cat, deps);
                if ("rel".equals(cat)) return chooseRel(arg, set(deps.get(0)));
                String id = single(deps.get(0), op);
                String answer = null;
                for (String option : arg.split("\\|")) {
                    if (cat == null ? hasAnyValue(id, option) : hasValue(id, cat, option)) {
                        if (answer != null) throw new ProgramException(op + ": both options hold");
                        answer = option;
                    }
                }
                if (answer == null) throw new ProgramException(op + ": " + arg + ": neither option holds for " + id);
                return answer;
            }
            case "exist":
                return !set(deps.get(0)).isEmpty();
            case "and":
                return (Boolean) deps.get(0) && (Boolean) deps.get(1);
            case "or":
                return (Boolean) deps.get(0) || (Boolean) deps.get(1);
            case "same":
            case "different": {
                Set<String> values = new LinkedHashSet<>();
                for (Object d : deps) for (String id : set(d)) values.add(valueOf(id, cat));
                return head.equals("same") == (values.size() == 1);
            }
            case "common": {
                String a = single(deps.get(0), op), b = single(deps.get(1), op);
                Set<String> shared = new LinkedHashSet<>();
                for (JsonNode v : objects.get(a).get("attributes")) {
                    for (JsonNode w : objects.get(b).get("attributes")) {
                        if (v.asText().equals(w.asText())) shared.add(categoryOf(v.asText()));
                    }
                }
                if (shared.size() != 1) throw new ProgramException("common: " + a + " and " + b + " share " + shared);
                return shared.iterator().next();
            }
            default:
                throw new ProgramException("unknown operation " + op);
        }
    }

    private Set<String> relate(String arg, Set<String> from) {
        int open = arg.lastIndexOf(" (");
        String[] parts = arg.substring(0, open).split(",");
        String name = parts[0], rel = parts[1], dir = parts[2];
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : objects.properties()) {
            String x = e.getKey();
            if (!name.equals("_") && !SynthVocabulary.isA(name(x), name)) continue;
            for (String d : from) {
                if (dir.equals("s") ? related(x, rel, d) : related(d, rel, x)) out.add(x);
            }
        }
        return out;
    }

    private String chooseRel(String arg, Set<String> from) {
        int open = arg.lastIndexOf(" (");
        String[] parts = arg.substring(0, open).split(",");
        Set<String> subjects = ids(arg);
        String answer = null;
        for (String rel : parts[1].split("\\|")) {
            for (String x : subjects) {
                for (String d : from) {
                    boolean holds = parts[2].equals("s") ? related(x, rel, d) : related(d, rel, x);
                    if (holds) {
                        String a = rel.replaceFirst("^to the ", "").replaceFirst(" of$", "");
                        if (answer != null && !answer.equals(a)) throw new ProgramException("both relations hold");
                        answer = a;
                    }
                }
            }
        }
        if (answer == null) throw new ProgramException("choose rel: no relation holds: " + arg);
        return answer;
    }

    private String compare(String comp, List<Object> deps) {
        String a = single(deps.get(0), comp), b = single(deps.get(1), comp);
        int sa = score(comp, a), sb = score(comp, b);
        if (sa == sb) throw new ProgramException("choose " + comp + ": undecided between " + a + " and " + b);
        return name(sa > sb ? a : b);
    }

    /** Higher means "more {@code comp}". */
    private int score(String comp, String id) {
        JsonNode o = objects.get(id);
        return switch (comp) {
            case "larger" -> sizeRank(id);
            case "smaller" -> -sizeRank(id);
            case "older" -> ageRank(id);
            case "younger" -> -ageRank(id);
            case "higher" -> -(int) Math.round(2 * o.get("y").asDouble() + o.get("h").asDouble());
            case "lower" -> (int) Math.round(2 * o.get("y").asDouble() + o.get("h").asDouble());
            default -> throw new ProgramException("unsupported comparative " + comp);
        };
    }

    private int sizeRank(String id) {
        String v = valueOf(id, SynthVocabulary.SIZE);
        return v.equals("large") ? 1 : v.equals("small") ? -1 : 0;
    }

    private int ageRank(String id) {
        String n = name(id);
        if (SynthVocabulary.CHILDREN.contains(n)) return -1;
        if (SynthVocabulary.isA(n, "person")) return 1;
        throw new ProgramException(id + " (" + n + ") has no age");
    }

    private boolean related(String subject, String rel, String object) {
        for (JsonNode r : objects.get(subject).get("relations")) {
            if (r.get("name").asText().equals(rel) && r.get("object").asText().equals(object)) return true;
        }
        return false;
    }

    private boolean hasValue(String id, String cat, String value) {
        if ("hposition".equals(cat) || "vposition".equals(cat)) return position(id, cat).equals(value);
        for (JsonNode a : objects.get(id).get("attributes")) if (a.asText().equals(value)) return true;
        return false;
    }

    private boolean hasAnyValue(String id, String value) {
        return hasValue(id, null, value) || name(id).equals(value);
    }

    /** The object's value in a category: exactly one attribute of it, or its position. */
    private String valueOf(String id, String cat) {
        if (cat.equals("hposition") || cat.equals("vposition")) return position(id, cat);
        String found = null;
        for (JsonNode a : objects.get(id).get("attributes")) {
            if (cat.equals(categoryOf(a.asText()))) {
                if (found != null) throw new ProgramException(id + " has two " + cat + " values");
                found = a.asText();
            }
        }
        if (found == null) throw new ProgramException(id + " (" + name(id) + ") has no " + cat);
        return found;
    }

    private String position(String id, String cat) {
        JsonNode o = objects.get(id);
        if (cat.equals("hposition")) {
            return o.get("x").asDouble() + o.get("w").asDouble() / 2 < scene.get("width").asDouble() / 2 ? "left" : "right";
        }
        return o.get("y").asDouble() + o.get("h").asDouble() / 2 < scene.get("height").asDouble() / 2 ? "top" : "bottom";
    }

    private static String categoryOf(String attribute) {
        String c = SynthVocabulary.categoryOf(attribute);
        if (c == null) throw new ProgramException("attribute " + attribute + " has no known category");
        return c;
    }

    private String name(String id) {
        return objects.get(id).get("name").asText();
    }

    @SuppressWarnings("unchecked")
    private static Set<String> set(Object v) {
        if (!(v instanceof Set)) throw new ProgramException("expected objects, got " + v);
        return (Set<String>) v;
    }

    private static String single(Object v, String op) {
        Set<String> s = set(v);
        if (s.size() != 1) throw new ProgramException(op + " needs exactly one object, got " + s);
        return s.iterator().next();
    }

    /** The ids listed in an argument's parentheses ({@code -} for none). */
    private static Set<String> ids(String arg) {
        String inside = arg.substring(arg.lastIndexOf(" (") + 2, arg.length() - 1);
        Set<String> out = new LinkedHashSet<>();
        if (!inside.equals("-")) for (String s : inside.split(",")) out.add(s);
        return out;
    }

    private static Set<String> checkIds(String op, String arg, Set<String> found) {
        if (!found.equals(ids(arg))) {
            throw new ProgramException(op + ": " + arg + " lists " + ids(arg) + " but the scene gives " + found);
        }
        return found;
    }
}
