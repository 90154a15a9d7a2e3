package dev.rex.gqa.synth;

import dev.rex.gqa.synth.SynthQuestion.Step;
import dev.rex.gqa.synth.SynthVocabulary.Kind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static dev.rex.gqa.synth.SynthVocabulary.COLOR;
import static dev.rex.gqa.synth.SynthVocabulary.MATERIAL;
import static dev.rex.gqa.synth.SynthVocabulary.SHAPE;
import static dev.rex.gqa.synth.SynthVocabulary.SIZE;

/**
 * Writes GQA-style questions about one scene: text, program ({@code semantic}) in GQA's operation names and
 * argument conventions ({@code select: cup (id)}, {@code relate: person,wearing,s (id)}, {@code filter color: red},
 * {@code choose rel: cup,to the left of|to the right of,s (id)}, {@code exist: ?}, {@code same color},
 * {@code choose larger} ...), answer and full answer computed from the scene, and annotations naming the objects.
 * Objects are referred to by name when the name is unique, else by a distinguishing attribute through
 * {@code filter}, as GQA does; an object that cannot be singled out is not asked about.
 */
final class QuestionGenerator {
    private final SynthScene s;
    private final SplittableRandom r;
    private final Set<String> asked = new HashSet<>();

    QuestionGenerator(SynthScene s, SplittableRandom r) {
        this.s = s;
        this.r = r;
    }

    /** A new question whose program uses family {@code f}, or null when this scene cannot have one. */
    SynthQuestion generate(OperationFamily f) {
        List<Supplier<SynthQuestion>> ts = new ArrayList<>(templates(f));
        shuffle(ts);
        for (Supplier<SynthQuestion> t : ts) {
            for (int attempt = 0; attempt < 4; attempt++) {
                SynthQuestion q = t.get();
                if (q != null && asked.add(q.question())) return q;
            }
        }
        return null;
    }

    private List<Supplier<SynthQuestion>> templates(OperationFamily f) {
        return switch (f) {
            case SELECT -> List.of(this::relS, this::relO, this::onS, this::onO, this::colorOfWorn, this::relOther,
                    () -> queryAttr(false), this::queryPosition, this::verifyAttr, this::verifyRel,
                    this::verifyPosition, this::chooseAttr, this::choosePosition, this::chooseRel, this::exist,
                    this::existAttr, () -> existLogic(true), () -> existLogic(false), this::verifyAttrAnd,
                    () -> sameOrDifferent(true), () -> sameOrDifferent(false), this::common, this::compare);
            case RELATE -> List.of(this::relS, this::relO, this::onS, this::onO, this::colorOfWorn, this::relOther,
                    this::verifyRel, this::chooseRel);
            case FILTER -> List.of(() -> queryAttr(true), this::existAttr);
            case QUERY -> List.of(() -> queryAttr(false), this::queryPosition, this::relS, this::relO, this::onS,
                    this::onO, this::colorOfWorn, this::relOther);
            case VERIFY -> List.of(this::verifyAttr, this::verifyRel, this::verifyPosition);
            case CHOOSE -> List.of(this::chooseAttr, this::choosePosition, this::chooseRel);
            case EXIST -> List.of(this::exist, this::existAttr);
            case AND -> List.of(() -> existLogic(true), this::verifyAttrAnd);
            case OR -> List.of(() -> existLogic(false));
            case SAME -> List.of(() -> sameOrDifferent(true));
            case DIFFERENT -> List.of(() -> sameOrDifferent(false));
            case COMMON -> List.of(this::common);
            case COMPARE -> List.of(this::compare);
        };
    }

    // ------------------------------------------------------------------ relate + query name

    private SynthQuestion relS() {
        for (SynthObject c : shuffled(kind(Kind.CLOTHING))) {
            SynthObject person = subjectOf(SynthVocabulary.WEARING, c);
            Program p = new Program();
            Ref rc = ref(p, c, Set.of(), false);
            if (person == null || rc == null) continue;
            int rel = p.add("relate", person.cls.hypernym() + ",wearing,s (" + person.id + ")", rc.step);
            p.add("query", "name", rel);
            Phrase q = new Phrase().w("who is wearing the").obj(rc.np, c.id);
            Phrase full = new Phrase().w("the").obj(person.name(), person.id).w("is wearing the").obj(rc.np, c.id);
            return build(q, person.name(), answerAnn(person), full, p, "query", "rel", "relS",
                    person.cls.hypernym(), "14-" + c.name() + "_wearing,s");
        }
        return null;
    }

    private SynthQuestion relO() {
        for (SynthObject person : shuffled(kind(Kind.PERSON))) {
            String rel = r.nextBoolean() ? SynthVocabulary.HOLDING : SynthVocabulary.WEARING;
            List<SynthObject> targets = objectsOf(person, rel);
            if (targets.size() != 1) continue;
            SynthObject t = targets.get(0);
            Program p = new Program();
            Ref rp = ref(p, person, Set.of(), false);
            if (rp == null) continue;
            int st = p.add("relate", "_," + rel + ",o (" + t.id + ")", rp.step);
            p.add("query", "name", st);
            Phrase q = new Phrase().w("what is the").obj(rp.np, person.id).w(rel);
            Phrase full = new Phrase().w("the").obj(rp.np, person.id).w("is " + rel + " " + a(t.name()))
                    .obj(t.name(), t.id);
            return build(q, t.name(), answerAnn(t), full, p, "query", "rel", "relO", t.cls.hypernym(),
                    "14-" + person.name() + "_" + rel + ",o");
        }
        return null;
    }

    private SynthQuestion onS() {
        for (SynthObject table : shuffled(kind(Kind.SURFACE))) {
            List<SynthObject> on = subjectsOf(SynthVocabulary.ON, table);
            Program p = new Program();
            Ref rt = ref(p, table, Set.of(), false);
            if (on.size() != 1 || rt == null) continue;
            SynthObject it = on.get(0);
            int st = p.add("relate", "_,on,s (" + it.id + ")", rt.step);
            p.add("query", "name", st);
            Phrase q = new Phrase().w("what is on the").obj(rt.np, table.id);
            Phrase full = new Phrase().w("the").obj(it.name(), it.id).w("is on the").obj(rt.np, table.id);
            return build(q, it.name(), answerAnn(it), full, p, "query", "rel", "relS", it.cls.hypernym(),
                    "14-" + table.name() + "_on,s");
        }
        return null;
    }

    /** "Who is sitting on the bench?", "What is the man sitting on?", "Which animal is near the woman?" */
    private SynthQuestion relOther() {
        List<SynthObject[]> triples = new ArrayList<>(); // {subject, object}, relation in the name list below
        List<String> rels = new ArrayList<>();
        for (SynthObject sub : s.objects) {
            for (String[] rr : sub.relations) {
                if (rr[0].equals(SynthVocabulary.SITTING_ON) || rr[0].equals(SynthVocabulary.NEAR)) {
                    triples.add(new SynthObject[]{sub, s.byId(rr[1])});
                    rels.add(rr[0]);
                }
            }
        }
        for (int i : shuffled(range(triples.size()))) {
            SynthObject sub = triples.get(i)[0], obj = triples.get(i)[1];
            String rel = rels.get(i);
            boolean askSubject = r.nextBoolean();
            Program p = new Program();
            if (askSubject) {
                if (subjectsOf(rel, obj).size() != 1) continue;
                Ref ro = ref(p, obj, Set.of(), false);
                if (ro == null) continue;
                String hyp = sub.cls.hypernym();
                int st = p.add("relate", hyp + "," + rel + ",s (" + sub.id + ")", ro.step);
                p.add("query", "name", st);
                Phrase q = new Phrase().w(hyp.equals("person") ? "who is" : "which " + hyp + " is")
                        .w(rel + " the").obj(ro.np, obj.id);
                Phrase full = new Phrase().w("the").obj(sub.name(), sub.id).w("is " + rel + " the").obj(ro.np, obj.id);
                return build(q, sub.name(), answerAnn(sub), full, p, "query", "rel",
                        hyp.equals("person") ? "relS" : "categoryRelS", hyp, "14-" + obj.name() + "_" + rel + ",s");
            }
            if (objectsOf(sub, rel).size() != 1) continue;
            Ref rs = ref(p, sub, Set.of(), false);
            if (rs == null) continue;
            int st = p.add("relate", "_," + rel + ",o (" + obj.id + ")", rs.step);
            p.add("query", "name", st);
            Phrase q = new Phrase().w("what is the").obj(rs.np, sub.id).w(rel);
            Phrase full = new Phrase().w("the").obj(rs.np, sub.id).w("is " + rel + " the").obj(obj.name(), obj.id);
            return build(q, obj.name(), answerAnn(obj), full, p, "query", "rel", "relO", obj.cls.hypernym(),
                    "14-" + sub.name() + "_" + rel + ",o");
        }
        return null;
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(i);
        return out;
    }

    private SynthObject tableUnder(SynthObject item) {
        List<SynthObject> t = objectsOf(item, SynthVocabulary.ON);
        return t.size() == 1 ? t.get(0) : null;
    }

    private SynthQuestion onO() {
        for (SynthObject it : shuffled(kind(Kind.ITEM))) {
            SynthObject table = tableUnder(it);
            Program p = new Program();
            Ref ri = ref(p, it, Set.of(), false);
            if (table == null || ri == null) continue;
            int st = p.add("relate", "_,on,o (" + table.id + ")", ri.step);
            p.add("query", "name", st);
            Phrase q = new Phrase().w("what is the").obj(ri.np, it.id).w("on");
            Phrase full = new Phrase().w("the").obj(ri.np, it.id).w("is on the").obj(table.name(), table.id);
            return build(q, table.name(), answerAnn(table), full, p, "query", "rel", "relO", "furniture",
                    "14-" + it.name() + "_on,o");
        }
        return null;
    }

    private SynthQuestion colorOfWorn() {
        for (SynthObject person : shuffled(kind(Kind.PERSON))) {
            for (SynthObject c : shuffled(objectsOf(person, SynthVocabulary.WEARING))) {
                long sameName = objectsOf(person, SynthVocabulary.WEARING).stream()
                        .filter(o -> o.name().equals(c.name())).count();
                Program p = new Program();
                Ref rp = ref(p, person, Set.of(), false);
                if (sameName != 1 || rp == null || !c.attrs.containsKey(COLOR)) continue;
                int st = p.add("relate", c.name() + ",wearing,o (" + c.id + ")", rp.step);
                p.add("query", COLOR, st);
                String v = c.attrs.get(COLOR);
                Phrase q = new Phrase().w("what color is the").obj(c.name(), c.id).w("the").obj(rp.np, person.id)
                        .w("is wearing");
                Phrase full = new Phrase().w("the").obj(c.name(), c.id).w("is " + v);
                return build(q, v, Map.of(), full, p, "query", "attr", "directOf", COLOR,
                        "10q-" + c.name() + "_color");
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ query / verify / choose attributes

    private static final List<String> QUERY_CATEGORIES = List.of(COLOR, MATERIAL, SHAPE);

    private SynthQuestion queryAttr(boolean forceFilter) {
        String c = pick(QUERY_CATEGORIES);
        for (SynthObject o : shuffled(withAttr(c))) {
            Program p = new Program();
            Ref ro = ref(p, o, Set.of(c), forceFilter);
            if (ro == null) continue;
            p.add("query", c, ro.step);
            String v = o.attrs.get(c);
            Phrase q = switch (c) {
                case MATERIAL -> new Phrase().w("what is the").obj(ro.np, o.id).w("made of");
                case SHAPE -> new Phrase().w("what shape is the").obj(ro.np, o.id);
                default -> new Phrase().w("what color is the").obj(ro.np, o.id);
            };
            Phrase full = new Phrase().w("the").obj(ro.np, o.id).w("is " + desc(c, v));
            return build(q, v, Map.of(), full, p, "query", "attr", c.equals(MATERIAL) ? "material" : "directOf",
                    c, "10q-" + o.name() + "_" + c);
        }
        return null;
    }

    private SynthQuestion queryPosition() {
        for (SynthObject o : shuffled(s.objects)) {
            String side = side(o);
            Program p = new Program();
            Ref ro = side == null ? null : ref(p, o, Set.of(), false);
            if (ro == null) continue;
            p.add("query", "hposition", ro.step);
            Phrase q = new Phrase().w("on which side of the picture is the").obj(ro.np, o.id);
            Phrase full = new Phrase().w("the").obj(ro.np, o.id).w("is on the " + side + " of the image");
            return build(q, side, Map.of(), full, p, "query", "attr", "positionQuery", null,
                    "10q-" + o.name() + "_hposition");
        }
        return null;
    }

    private SynthQuestion verifyAttr() {
        for (SynthObject o : shuffled(s.objects)) {
            for (String c : shuffled(new ArrayList<>(o.attrs.keySet()))) {
                String actual = o.attrs.get(c);
                String other = otherValue(o, c);
                Program p = new Program();
                Ref ro = ref(p, o, Set.of(c), false);
                if (ro == null || other == null) continue;
                boolean yes = r.nextBoolean();
                String v = yes ? actual : other;
                p.add("verify " + c, v, ro.step);
                Phrase q = new Phrase().w("is the").obj(ro.np, o.id).w(desc(c, v));
                Phrase full = new Phrase().w(yes ? "yes, the" : "no, the").obj(ro.np, o.id)
                        .w("is " + desc(c, actual));
                return build(q, yesNo(yes), Map.of(), full, p, "verify", "attr", "verifyAttr", c,
                        "06-" + o.name() + "_" + v);
            }
        }
        return null;
    }

    private SynthQuestion verifyRel() {
        for (SynthObject person : shuffled(kind(Kind.PERSON))) {
            String rel = r.nextBoolean() ? SynthVocabulary.HOLDING : SynthVocabulary.WEARING;
            Kind targetKind = rel.equals(SynthVocabulary.WEARING) ? Kind.CLOTHING : Kind.ITEM;
            boolean yes = r.nextBoolean();
            Set<String> heldNames = objectsOf(person, rel).stream().map(SynthObject::name).collect(Collectors.toSet());
            for (SynthObject t : shuffled(kind(targetKind))) {
                if (s.named(t.name()).size() != 1 || heldNames.contains(t.name()) != yes) continue;
                Program p = new Program();
                Ref rp = ref(p, person, Set.of(), false);
                if (rp == null) break;
                p.add("verify rel", t.name() + "," + rel + ",o (" + t.id + ")", rp.step);
                Phrase q = new Phrase().w("is the").obj(rp.np, person.id).w(rel + " " + a(t.name())).obj(t.name(), t.id);
                Phrase full = new Phrase().w(yes ? "yes, the" : "no, the").obj(rp.np, person.id)
                        .w(yes ? "is " + rel + " " + a(t.name()) : "is not " + rel + " " + a(t.name()))
                        .obj(t.name(), t.id);
                return build(q, yesNo(yes), Map.of(), full, p, "verify", "rel", "verifyRelO", null,
                        "15-" + person.name() + "_" + rel + "," + t.name());
            }
        }
        return null;
    }

    private SynthQuestion verifyPosition() {
        for (SynthObject o : shuffled(s.objects)) {
            String side = side(o);
            Program p = new Program();
            Ref ro = side == null ? null : ref(p, o, Set.of(), false);
            if (ro == null) continue;
            boolean yes = r.nextBoolean();
            String v = yes ? side : opposite(side);
            p.add("verify hposition", v, ro.step);
            Phrase q = new Phrase().w("is the").obj(ro.np, o.id).w("on the " + v + " of the image");
            Phrase full = new Phrase().w(yes ? "yes, the" : "no, the").obj(ro.np, o.id)
                    .w("is on the " + side + " of the image");
            return build(q, yesNo(yes), Map.of(), full, p, "verify", "attr", "positionVerify", null,
                    "06-" + o.name() + "_" + v);
        }
        return null;
    }

    private SynthQuestion chooseAttr() {
        for (SynthObject o : shuffled(s.objects)) {
            for (String c : shuffled(new ArrayList<>(o.attrs.keySet()))) {
                String actual = o.attrs.get(c);
                String other = otherValue(o, c);
                Program p = new Program();
                Ref ro = ref(p, o, Set.of(c), false);
                if (ro == null || other == null) continue;
                String[] opts = r.nextBoolean() ? new String[]{actual, other} : new String[]{other, actual};
                p.add("choose " + c, opts[0] + "|" + opts[1], ro.step);
                Phrase q = c.equals(MATERIAL)
                        ? new Phrase().w("is the").obj(ro.np, o.id).w("made of " + opts[0] + " or " + opts[1])
                        : new Phrase().w("is the").obj(ro.np, o.id).w(opts[0] + " or " + opts[1]);
                Phrase full = new Phrase().w("the").obj(ro.np, o.id).w("is " + desc(c, actual));
                return build(q, actual, Map.of(), full, p, "choose", "attr",
                        c.equals(MATERIAL) ? "materialChoose" : "chooseAttr", c, "10c-" + o.name() + "_" + c);
            }
        }
        return null;
    }

    private SynthQuestion choosePosition() {
        for (SynthObject o : shuffled(s.objects)) {
            boolean horizontal = r.nextBoolean();
            String side = horizontal ? side(o) : vside(o);
            Program p = new Program();
            Ref ro = side == null ? null : ref(p, o, Set.of(), false);
            if (ro == null) continue;
            String[] opts = horizontal ? new String[]{"left", "right"} : new String[]{"top", "bottom"};
            if (r.nextBoolean()) opts = new String[]{opts[1], opts[0]};
            p.add(horizontal ? "choose hposition" : "choose vposition", opts[0] + "|" + opts[1], ro.step);
            Phrase q = new Phrase().w("in which part of the image is the").obj(ro.np, o.id)
                    .punct(",").w("the " + opts[0] + " or the " + opts[1]);
            Phrase full = new Phrase().w("the").obj(ro.np, o.id).w("is in the " + side + " of the image");
            return build(q, side, Map.of(), full, p, "choose", "attr", "positionChoose", null,
                    "10c-" + o.name() + (horizontal ? "_hposition" : "_vposition"));
        }
        return null;
    }

    private SynthQuestion chooseRel() {
        for (SynthObject a : shuffled(s.objects)) {
            if (s.named(a.name()).size() != 1) continue;
            for (SynthObject b : shuffled(s.objects)) {
                String rel = a.has(SynthVocabulary.LEFT_OF, b) ? "left" : a.has(SynthVocabulary.RIGHT_OF, b) ? "right" : null;
                if (rel == null || a.name().equals(b.name())) continue;
                Program p = new Program();
                Ref rb = ref(p, b, Set.of(), false);
                if (rb == null) continue;
                boolean leftFirst = r.nextBoolean();
                String rels = leftFirst ? "to the left of|to the right of" : "to the right of|to the left of";
                p.add("choose rel", a.name() + "," + rels + ",s (" + a.id + ")", rb.step);
                Phrase q = new Phrase().w("is the").obj(a.name(), a.id)
                        .w(leftFirst ? "to the left or to the right of the" : "to the right or to the left of the")
                        .obj(rb.np, b.id);
                Phrase full = new Phrase().w("the").obj(a.name(), a.id).w("is to the " + rel + " of the")
                        .obj(rb.np, b.id);
                return build(q, rel, Map.of(), full, p, "choose", "rel", "relChooser", null,
                        "13-" + b.name() + "_" + a.name());
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ exist / and / or

    private SynthQuestion exist() {
        boolean yes = r.nextBoolean();
        String n = yes ? pick(s.objects).name() : absentName();
        Program p = new Program();
        int sel = p.add("select", selectArg(n, first(s.named(n))));
        p.add("exist", "?", sel);
        Phrase q = new Phrase().w("is there " + a(n));
        mention(q, n).w("in the picture");
        Phrase full = yes ? mention(new Phrase().w("yes, there is " + a(n)), n)
                : new Phrase().w("no, there is no " + n);
        return build(q, yesNo(yes), Map.of(), full, p, "verify", "obj", "exist", null, "07-" + n);
    }

    private SynthQuestion existAttr() {
        SynthObject o = pick(s.objects);
        List<String> cats = new ArrayList<>(o.cls.attributes().keySet());
        if (cats.isEmpty()) return null;
        String c = pick(cats);
        List<SynthObject> same = s.named(o.name());
        boolean yes = r.nextBoolean();
        List<String> candidates = new ArrayList<>();
        for (String v : o.cls.attributes().get(c)) {
            boolean held = same.stream().anyMatch(x -> v.equals(x.attrs.get(c)));
            if (held == yes) candidates.add(v);
        }
        if (candidates.isEmpty()) return null;
        String v = pick(candidates);
        String adj = adjective(c, v);
        Program p = new Program();
        // the referents when there are some (the matching objects), else what the select finds
        List<SynthObject> listed = yes ? same.stream().filter(x -> v.equals(x.attrs.get(c))).toList() : same;
        int sel = p.add("select", selectArg(o.name(), listed));
        int f = p.add("filter " + c, v, sel);
        p.add("exist", "?", f);
        SynthObject match = same.stream().filter(x -> v.equals(x.attrs.get(c))).findFirst().orElse(null);
        Phrase q = new Phrase().w("is there " + a(adj));
        if (yes) q.obj(adj + " " + o.name(), match.id).w("in the image");
        else q.w(adj + " " + o.name() + " in the image");
        Phrase full = yes ? new Phrase().w("yes, there is " + a(adj)).obj(adj + " " + o.name(), match.id)
                : new Phrase().w("no, there is no " + adj + " " + o.name());
        return build(q, yesNo(yes), Map.of(), full, p, "verify", "attr", "existAttr", c, "07-" + o.name() + "_" + v);
    }

    /** {@code and} (both) or {@code or} (either) over two exist questions. */
    private SynthQuestion existLogic(boolean and) {
        double pPresent = and ? 0.7 : 0.4;
        String n1 = r.nextDouble() < pPresent ? pick(s.objects).name() : absentName();
        String n2 = r.nextDouble() < pPresent ? pick(s.objects).name() : absentName();
        if (n1.equals(n2)) return null;
        boolean has1 = !s.named(n1).isEmpty();
        boolean has2 = !s.named(n2).isEmpty();
        Program p = new Program();
        int s1 = p.add("select", selectArg(n1, first(s.named(n1))));
        int e1 = p.add("exist", "?", s1);
        int s2 = p.add("select", selectArg(n2, first(s.named(n2))));
        int e2 = p.add("exist", "?", s2);
        p.add(and ? "and" : "or", "", e1, e2);
        boolean yes = and ? has1 && has2 : has1 || has2;
        Phrase q = new Phrase().w(and ? "are there both " + a(n1) : "is there " + a(n1));
        mention(q, n1).w((and ? "and " : "or ") + a(n2));
        mention(q, n2).w("in the picture");
        Phrase full = new Phrase();
        if (has1 && has2) {
            full.w(and ? "yes, there are both " + a(n1) : "yes, there are " + a(n1));
            mention(full, n1).w("and " + a(n2));
            mention(full, n2);
        } else if (has1 || has2) {
            String present = has1 ? n1 : n2;
            String absent = has1 ? n2 : n1;
            full.w((and ? "no, there is " : "yes, there is ") + a(present));
            mention(full, present);
            if (and) full.w("but no " + absent);
        } else {
            full.w("no, there is no " + n1 + " or " + n2);
        }
        return build(q, yesNo(yes), Map.of(), full, p, "logical", "obj", and ? "existAnd" : "existOr", null,
                "08-" + n1 + "_" + n2);
    }

    private SynthQuestion verifyAttrAnd() {
        for (SynthObject o : shuffled(s.objects)) {
            List<String> cats = shuffled(new ArrayList<>(o.attrs.keySet()));
            if (cats.size() < 2) continue;
            // material last reads naturally: "is the table gray and made of wood"
            boolean swap = cats.get(0).equals(MATERIAL);
            String c1 = cats.get(swap ? 1 : 0), c2 = cats.get(swap ? 0 : 1);
            String o1 = otherValue(o, c1), o2 = otherValue(o, c2);
            Program p = new Program();
            Ref ro = ref(p, o, Set.of(c1, c2), false);
            if (ro == null || o1 == null || o2 == null) continue;
            boolean ok1 = r.nextDouble() < 0.7, ok2 = r.nextDouble() < 0.7;
            String v1 = ok1 ? o.attrs.get(c1) : o1, v2 = ok2 ? o.attrs.get(c2) : o2;
            int a1 = p.add("verify " + c1, v1, ro.step);
            int a2 = p.add("verify " + c2, v2, ro.step);
            p.add("and", "", a1, a2);
            Phrase q = new Phrase().w("is the").obj(ro.np, o.id).w(desc(c1, v1) + " and " + desc(c2, v2));
            Phrase full = new Phrase().w(ok1 && ok2 ? "yes, the" : "no, the").obj(ro.np, o.id);
            if (ok1 && ok2) full.w("is " + desc(c1, v1) + " and " + desc(c2, v2));
            else full.w("is " + (ok1 ? desc(c2, o.attrs.get(c2)) : desc(c1, o.attrs.get(c1))));
            return build(q, yesNo(ok1 && ok2), Map.of(), full, p, "logical", "attr", "verifyAttrAnd", null,
                    "09-" + o.name() + "_" + v1 + "_" + v2);
        }
        return null;
    }

    // ------------------------------------------------------------------ same / different / common / compare

    private SynthQuestion sameOrDifferent(boolean same) {
        String c = pick(same ? List.of(COLOR, MATERIAL, SHAPE) : List.of(COLOR, SHAPE));
        boolean wantEqual = r.nextBoolean();
        List<SynthObject[]> pairs = new ArrayList<>();
        List<SynthObject[]> fallback = new ArrayList<>();
        for (SynthObject x : withAttr(c)) {
            for (SynthObject y : withAttr(c)) {
                if (x == y || x.name().equals(y.name())) continue;
                (x.attrs.get(c).equals(y.attrs.get(c)) == wantEqual ? pairs : fallback).add(new SynthObject[]{x, y});
            }
        }
        pairs = shuffled(pairs);
        pairs.addAll(shuffled(fallback));
        for (SynthObject[] pair : pairs) {
            SynthObject x = pair[0], y = pair[1];
            Program p = new Program();
            Ref rx = ref(p, x, Set.of(c), false);
            Ref ry = rx == null ? null : ref(p, y, Set.of(c), false);
            if (ry == null) continue;
            p.add((same ? "same " : "different ") + c, "", rx.step, ry.step);
            boolean equal = x.attrs.get(c).equals(y.attrs.get(c));
            Phrase q = new Phrase().w("do the").obj(rx.np, x.id).w("and the").obj(ry.np, y.id)
                    .w(same ? "have the same " + c : "have different " + c + "s");
            Phrase full = new Phrase();
            if (equal) {
                full.w(same ? "yes, both the" : "no, both the").obj(rx.np, x.id).w("and the").obj(ry.np, y.id)
                        .w("are " + desc(c, x.attrs.get(c)));
            } else {
                full.w(same ? "no, the" : "yes, the").obj(rx.np, x.id).w("is " + desc(c, x.attrs.get(c)) + " and the")
                        .obj(ry.np, y.id).w("is " + desc(c, y.attrs.get(c)));
            }
            return build(q, yesNo(same == equal), Map.of(), full, p, "compare", "attr",
                    same ? "twoSame" : "twoDifferent", c, "11-" + x.name() + "_" + y.name() + "_" + c);
        }
        return null;
    }

    private SynthQuestion common() {
        for (SynthObject x : shuffled(s.objects)) {
            for (SynthObject y : shuffled(s.objects)) {
                if (x == y || x.name().equals(y.name()) || SceneGenerator.shared(x, y) != 1) continue;
                String c = x.attrs.keySet().stream().filter(k -> x.attrs.get(k).equals(y.attrs.get(k)))
                        .findFirst().orElseThrow();
                if (!c.equals(COLOR) && !c.equals(MATERIAL)) continue; // GQA's common answers: color, material
                Program p = new Program();
                Ref rx = ref(p, x, Set.of(c), false);
                Ref ry = rx == null ? null : ref(p, y, Set.of(c), false);
                if (ry == null) continue;
                p.add("common", "", rx.step, ry.step);
                Phrase q = new Phrase().w("what do the").obj(rx.np, x.id).w("and the").obj(ry.np, y.id)
                        .w("have in common");
                Phrase full = new Phrase().w("both the").obj(rx.np, x.id).w("and the").obj(ry.np, y.id)
                        .w("are " + desc(c, x.attrs.get(c)));
                return build(q, c, Map.of(), full, p, "compare", "attr", "twoCommon", c,
                        "12-" + x.name() + "_" + y.name());
            }
        }
        return null;
    }

    private SynthQuestion compare() {
        List<String> comps = shuffled(new ArrayList<>(SynthVocabulary.COMPARATIVES));
        for (String comp : comps) {
            List<SynthObject[]> pairs = new ArrayList<>(); // {winner, loser}
            for (SynthObject x : s.objects) {
                for (SynthObject y : s.objects) {
                    if (x == y || x.name().equals(y.name()) || x.cls.kind() == Kind.CLOTHING
                            || y.cls.kind() == Kind.CLOTHING) {
                        continue;
                    }
                    if (beats(comp, x, y)) pairs.add(new SynthObject[]{x, y});
                }
            }
            for (SynthObject[] pair : shuffled(pairs)) {
                boolean winnerFirst = r.nextBoolean();
                SynthObject first = winnerFirst ? pair[0] : pair[1], second = winnerFirst ? pair[1] : pair[0];
                Program p = new Program();
                Ref r1 = ref(p, first, Set.of(SIZE), false);
                Ref r2 = r1 == null ? null : ref(p, second, Set.of(SIZE), false);
                if (r2 == null) continue;
                p.add("choose " + comp, "", r1.step, r2.step);
                boolean people = comp.equals("older") || comp.equals("younger");
                Phrase q = new Phrase().w((people ? "who is " : "which is ") + comp + ", the").obj(r1.np, first.id)
                        .w("or the").obj(r2.np, second.id);
                Ref rw = winnerFirst ? r1 : r2, rl = winnerFirst ? r2 : r1;
                Phrase full = new Phrase().w("the").obj(rw.np, pair[0].id).w("is " + comp + " than the")
                        .obj(rl.np, pair[1].id);
                return build(q, pair[0].name(), answerAnn(pair[0]), full, p, "compare", "attr", "comparativeChoose",
                        null, "13-" + first.name() + "_" + second.name() + "_" + comp);
            }
        }
        return null;
    }

    /** Whether x is {@code comp} than y, decisively (the only comparisons the world asks about). */
    private boolean beats(String comp, SynthObject x, SynthObject y) {
        return switch (comp) {
            case "larger" -> "large".equals(x.attrs.get(SIZE)) && "small".equals(y.attrs.get(SIZE));
            case "smaller" -> "small".equals(x.attrs.get(SIZE)) && "large".equals(y.attrs.get(SIZE));
            case "older" -> isAdult(x) && isChild(y);
            case "younger" -> isChild(x) && isAdult(y);
            case "higher" -> x.cy() + 0.15 * s.height < y.cy();
            case "lower" -> x.cy() > y.cy() + 0.15 * s.height;
            default -> false;
        };
    }

    private static boolean isChild(SynthObject o) {
        return SynthVocabulary.CHILDREN.contains(o.name());
    }

    private static boolean isAdult(SynthObject o) {
        return o.cls.kind() == Kind.PERSON && !isChild(o);
    }

    // ------------------------------------------------------------------ references and helpers

    /** A step building a program, returning its index for dependencies. */
    private static final class Program {
        final List<Step> steps = new ArrayList<>();

        int add(String op, String arg, Integer... deps) {
            steps.add(new Step(op, arg, List.of(deps)));
            return steps.size() - 1;
        }
    }

    /** How the question refers to an object: the step that yields it and the noun phrase ("red cup"). */
    private record Ref(int step, String np) {
    }

    /**
     * Selects {@code o}: by name when unique (and no filter is forced), else by name and one filter on a category
     * (not in {@code exclude}) whose value no other object of that name has; null when impossible.
     */
    private Ref ref(Program p, SynthObject o, Set<String> exclude, boolean forceFilter) {
        List<SynthObject> same = s.named(o.name());
        if (same.size() == 1 && !forceFilter) {
            return new Ref(p.add("select", o.name() + " (" + o.id + ")"), o.name());
        }
        for (String c : shuffled(new ArrayList<>(o.attrs.keySet()))) {
            if (exclude.contains(c)) continue;
            String v = o.attrs.get(c);
            if (same.stream().allMatch(x -> x == o || !v.equals(x.attrs.get(c)))) {
                // GQA lists the referent in the select, the filter naming how it is told apart
                int sel = p.add("select", o.name() + " (" + o.id + ")");
                return new Ref(p.add("filter " + c, v, sel), adjective(c, v) + " " + o.name());
            }
        }
        return null;
    }

    private static String selectArg(String name, List<SynthObject> objects) {
        if (objects.isEmpty()) return name + " (-)";
        return name + " (" + objects.stream().map(o -> o.id).collect(Collectors.joining(",")) + ")";
    }

    /** One referent for "is there a cup": the first cup, as the explanation will name one. */
    private static List<SynthObject> first(List<SynthObject> objects) {
        return objects.isEmpty() ? objects : objects.subList(0, 1);
    }

    private Phrase mention(Phrase ph, String name) {
        List<SynthObject> objs = s.named(name);
        return objs.isEmpty() ? ph.w(name) : ph.obj(name, objs.get(0).id);
    }

    private SynthQuestion build(Phrase q, String answer, Map<String, String> ansAnn, Phrase full, Program p,
                                String structural, String semantic, String detailed, String global, String local) {
        return build(q, q.annotations(), answer, ansAnn, full, p, structural, semantic, detailed, global, local);
    }

    private SynthQuestion build(Phrase q, Map<String, String> qAnn, String answer, Map<String, String> ansAnn,
                                Phrase full, Program p, String structural, String semantic, String detailed,
                                String global, String local) {
        return new SynthQuestion(q.text("?"), answer, full.text("."), List.copyOf(p.steps),
                new LinkedHashMap<>(qAnn), new LinkedHashMap<>(ansAnn), new LinkedHashMap<>(full.annotations()),
                structural, semantic, detailed, global, local);
    }

    private static Map<String, String> answerAnn(SynthObject o) {
        int words = o.name().split(" ").length;
        return Map.of(words == 1 ? "0" : "0:" + words, o.id);
    }

    private String absentName() {
        Set<String> present = s.objects.stream().map(SynthObject::name).collect(Collectors.toSet());
        List<String> absent = SynthVocabulary.classes().stream().map(SynthVocabulary.ObjectClass::name)
                .filter(n -> !present.contains(n)).toList();
        return pick(absent);
    }

    private String otherValue(SynthObject o, String c) {
        List<String> others = o.cls.attributes().getOrDefault(c, List.of()).stream()
                .filter(v -> !v.equals(o.attrs.get(c))).toList();
        return others.isEmpty() ? null : pick(others);
    }

    /** Entirely in the left or right half (so the object's centre and its left edge agree), else null. */
    private String side(SynthObject o) {
        if (o.x + o.w < s.width / 2.0) return "left";
        if (o.x > s.width / 2.0) return "right";
        return null;
    }

    private String vside(SynthObject o) {
        if (o.y + o.h < s.height / 2.0) return "top";
        if (o.y > s.height / 2.0) return "bottom";
        return null;
    }

    private static String opposite(String side) {
        return side.equals("left") ? "right" : "left";
    }

    private List<SynthObject> kind(Kind k) {
        return s.objects.stream().filter(o -> o.cls.kind() == k).collect(Collectors.toList());
    }

    private List<SynthObject> withAttr(String c) {
        return s.objects.stream().filter(o -> o.attrs.containsKey(c)).collect(Collectors.toList());
    }

    private List<SynthObject> objectsOf(SynthObject subject, String rel) {
        List<SynthObject> out = new ArrayList<>();
        for (String[] rr : subject.relations) if (rr[0].equals(rel)) out.add(s.byId(rr[1]));
        return out;
    }

    private List<SynthObject> subjectsOf(String rel, SynthObject object) {
        List<SynthObject> out = new ArrayList<>();
        for (SynthObject o : s.objects) if (o.has(rel, object)) out.add(o);
        return out;
    }

    private SynthObject subjectOf(String rel, SynthObject object) {
        List<SynthObject> subjects = subjectsOf(rel, object);
        return subjects.size() == 1 ? subjects.get(0) : null;
    }

    static String desc(String category, String value) {
        return category.equals(MATERIAL) ? "made of " + value : value;
    }

    static String adjective(String category, String value) {
        return category.equals(MATERIAL) && value.equals("wood") ? "wooden" : value;
    }

    private static String a(String word) {
        return SynthVocabulary.article(word);
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    private <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private <T> List<T> shuffled(List<T> list) {
        List<T> out = new ArrayList<>(list);
        for (int i = out.size() - 1; i > 0; i--) Collections.swap(out, i, r.nextInt(i + 1));
        return out;
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) Collections.swap(list, i, r.nextInt(i + 1));
    }
}
