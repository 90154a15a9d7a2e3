package dev.rex.gqa.synth;

import dev.rex.gqa.synth.SynthVocabulary.Kind;
import dev.rex.gqa.synth.SynthVocabulary.ObjectClass;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Composes one synthetic scene: one or two people wearing clothes (and maybe holding something), a table-like
 * surface with items on it, and two to four other animals, vehicles, seats or scenery — with GQA-style boxes,
 * attributes and relations ({@code wearing}, {@code holding}, {@code on}, {@code sitting on}, {@code near}, and
 * {@code to the left of} / {@code to the right of} in both directions from the geometry). Every scene is made
 * to support every question family (a size contrast, a pair sharing exactly one attribute).
 */
final class SceneGenerator {
    private static final List<String> HOLDABLE = List.of("phone", "cup", "bag", "umbrella", "book", "bottle");

    private final SplittableRandom r;
    private final SynthScene s;
    private final long idBase;

    private SceneGenerator(SplittableRandom r, SynthScene s, long idBase) {
        this.r = r;
        this.s = s;
        this.idBase = idBase;
    }

    /** Object ids are {@code idBase + k}: all of the same length, so no id is a substring of another. */
    static SynthScene generate(SplittableRandom r, String imageId, long idBase) {
        int width = 480 + 32 * r.nextInt(6);
        int height = 360 + 24 * r.nextInt(6);
        SceneGenerator g = new SceneGenerator(r, new SynthScene(imageId, width, height), idBase);
        g.compose();
        return g.s;
    }

    private void compose() {
        int people = r.nextDouble() < 0.5 ? 2 : 1;
        for (int i = 0; i < people; i++) {
            List<String> names = i == 0 ? List.of("man", "woman") : List.of("man", "woman", "boy", "girl");
            SynthObject p = place(SynthVocabulary.get(pick(names)), 0.0, 1.0);
            p.y = clamp(s.height - p.h - (int) (uniform(0.02, 0.12) * s.height), 0, s.height - p.h);
            dress(p);
            if (r.nextDouble() < 0.5) hold(p);
        }
        SynthObject table = place(pick(SynthVocabulary.ofKind(Kind.SURFACE)), 0.5, 0.85);
        int items = 1 + r.nextInt(3);
        List<ObjectClass> itemClasses = SynthVocabulary.ofKind(Kind.ITEM);
        for (int i = 0; i < items; i++) {
            ObjectClass c = pick(itemClasses);
            SynthObject it = add(c, scaled(c.minW(), c.maxW(), s.width), scaled(c.minH(), c.maxH(), s.height));
            it.x = clamp(table.x + (int) (r.nextDouble() * Math.max(1, table.w - it.w)), 0, s.width - it.w);
            it.y = clamp(table.y + (int) (0.15 * table.h) - it.h, 0, s.height - it.h);
            it.relate(SynthVocabulary.ON, table);
        }
        int extras = 2 + r.nextInt(3);
        for (int i = 0; i < extras; i++) {
            Kind k = i == 0 ? pick(List.of(Kind.ANIMAL, Kind.VEHICLE))
                    : pick(List.of(Kind.ANIMAL, Kind.VEHICLE, Kind.SEAT, Kind.SCENERY));
            ObjectClass c = pick(SynthVocabulary.ofKind(k));
            boolean background = k == Kind.SCENERY;
            SynthObject o = place(c, background ? 0.05 : 0.45, background ? 0.45 : 0.95);
            if (k == Kind.SEAT) seat(o);
            if (k == Kind.ANIMAL && r.nextDouble() < 0.4) {
                SynthObject person = firstOfKind(Kind.PERSON);
                o.x = clamp(person.x + person.w + 4, 0, s.width - o.w);
                o.relate(SynthVocabulary.NEAR, person);
            }
        }
        ensureSizeContrast();
        ensureCommonPair();
        spatialRelations();
    }

    private void dress(SynthObject p) {
        ObjectClass top = pick(List.of(SynthVocabulary.get("shirt"), SynthVocabulary.get("jacket"),
                SynthVocabulary.get("sweater"), SynthVocabulary.get("polo shirt"), SynthVocabulary.get("coat")));
        SynthObject t = add(top, (int) (0.76 * p.w), (int) (0.33 * p.h));
        t.x = p.x + (int) (0.12 * p.w);
        t.y = p.y + (int) (0.22 * p.h);
        p.relate(SynthVocabulary.WEARING, t);
        if (r.nextDouble() < 0.4) {
            SynthObject hat = add(SynthVocabulary.get("hat"), Math.max(4, (int) (0.5 * p.w)),
                    Math.max(4, (int) (0.12 * p.h)));
            hat.x = p.x + (int) (0.25 * p.w);
            hat.y = p.y;
            p.relate(SynthVocabulary.WEARING, hat);
        }
    }

    private void hold(SynthObject p) {
        ObjectClass c = SynthVocabulary.get(pick(HOLDABLE));
        SynthObject it = add(c, scaled(c.minW(), c.maxW(), s.width), scaled(c.minH(), c.maxH(), s.height));
        it.x = clamp(p.x + (int) (0.7 * p.w), 0, s.width - it.w);
        it.y = clamp(p.y + (int) (0.45 * p.h), 0, s.height - it.h);
        p.relate(SynthVocabulary.HOLDING, it);
    }

    private void seat(SynthObject seat) {
        SynthObject person = firstOfKind(Kind.PERSON);
        if (r.nextDouble() < 0.4 && person.relations.stream().noneMatch(x -> x[0].equals(SynthVocabulary.SITTING_ON))) {
            person.attrs.put(SynthVocabulary.POSE, "sitting");
            seat.x = clamp((int) (person.cx() - seat.w / 2.0), 0, s.width - seat.w);
            seat.y = clamp(person.y + (int) (0.55 * person.h), 0, s.height - seat.h);
            person.relate(SynthVocabulary.SITTING_ON, seat);
        }
    }

    /** Creates an object of class c with a random box whose centre lies in the vertical band [top, bottom]. */
    private SynthObject place(ObjectClass c, double top, double bottom) {
        SynthObject o = add(c, scaled(c.minW(), c.maxW(), s.width), scaled(c.minH(), c.maxH(), s.height));
        o.x = (int) (r.nextDouble() * (s.width - o.w));
        int cy = (int) (uniform(top, bottom) * s.height);
        o.y = clamp(cy - o.h / 2, 0, s.height - o.h);
        return o;
    }

    private SynthObject add(ObjectClass c, int w, int h) {
        SynthObject o = new SynthObject(Long.toString(idBase + s.objects.size()), c);
        o.w = Math.max(4, Math.min(w, s.width));
        o.h = Math.max(4, Math.min(h, s.height));
        for (Map.Entry<String, List<String>> e : c.attributes().entrySet()) {
            double p = switch (e.getKey()) {
                case SynthVocabulary.PATTERN -> 0.35;
                case SynthVocabulary.POSE -> 0.8;
                case SynthVocabulary.CLEANLINESS -> 0.5;
                default -> 1.0;
            };
            if (r.nextDouble() < p) o.attrs.put(e.getKey(), pick(e.getValue()));
        }
        s.objects.add(o);
        return o;
    }

    /** So that "which is larger" can be asked: two differently named objects of different sizes. */
    private void ensureSizeContrast() {
        for (SynthObject a : s.objects) {
            for (SynthObject b : s.objects) {
                if (!a.name().equals(b.name()) && a.attrs.containsKey(SynthVocabulary.SIZE)
                        && b.attrs.containsKey(SynthVocabulary.SIZE)
                        && !a.attrs.get(SynthVocabulary.SIZE).equals(b.attrs.get(SynthVocabulary.SIZE))) {
                    return;
                }
            }
        }
        for (SynthObject a : s.objects) {
            for (SynthObject b : s.objects) {
                if (!a.name().equals(b.name()) && a.cls.has(SynthVocabulary.SIZE) && b.cls.has(SynthVocabulary.SIZE)) {
                    a.attrs.put(SynthVocabulary.SIZE, "large");
                    b.attrs.put(SynthVocabulary.SIZE, "small");
                    return;
                }
            }
        }
    }

    /** So that "what do A and B have in common" has one answer: a pair sharing exactly one attribute value. */
    private void ensureCommonPair() {
        for (SynthObject a : s.objects) {
            for (SynthObject b : s.objects) {
                if (a != b && !a.name().equals(b.name()) && shared(a, b) == 1) return;
            }
        }
        for (SynthObject a : s.objects) {
            for (SynthObject b : s.objects) {
                if (a == b || a.name().equals(b.name()) || !a.attrs.containsKey(SynthVocabulary.COLOR)
                        || !b.cls.attributes().getOrDefault(SynthVocabulary.COLOR, List.of())
                        .contains(a.attrs.get(SynthVocabulary.COLOR))) {
                    continue;
                }
                b.attrs.put(SynthVocabulary.COLOR, a.attrs.get(SynthVocabulary.COLOR));
                for (String c : List.copyOf(b.attrs.keySet())) {
                    if (c.equals(SynthVocabulary.COLOR) || !b.attrs.get(c).equals(a.attrs.get(c))) continue;
                    List<String> others = b.cls.attributes().get(c).stream().filter(v -> !v.equals(a.attrs.get(c))).toList();
                    if (others.isEmpty()) b.attrs.remove(c);
                    else b.attrs.put(c, pick(others));
                }
                if (shared(a, b) == 1) return;
            }
        }
    }

    static int shared(SynthObject a, SynthObject b) {
        int n = 0;
        for (Map.Entry<String, String> e : a.attrs.entrySet()) {
            if (e.getValue().equals(b.attrs.get(e.getKey()))) n++;
        }
        return n;
    }

    /** Left/right relations in both directions between objects whose centres are clearly apart. */
    private void spatialRelations() {
        double margin = 0.06 * s.width;
        for (SynthObject a : s.objects) {
            if (a.cls.kind() == Kind.CLOTHING) continue;
            for (SynthObject b : s.objects) {
                if (a == b || b.cls.kind() == Kind.CLOTHING) continue;
                if (a.cx() + margin < b.cx()) {
                    a.relate(SynthVocabulary.LEFT_OF, b);
                } else if (a.cx() > b.cx() + margin) {
                    a.relate(SynthVocabulary.RIGHT_OF, b);
                }
            }
        }
    }

    private SynthObject firstOfKind(Kind k) {
        for (SynthObject o : s.objects) if (o.cls.kind() == k) return o;
        throw new IllegalStateException("no " + k);
    }

    private int scaled(double min, double max, int dim) {
        return (int) Math.round(uniform(min, max) * dim);
    }

    private double uniform(double a, double b) {
        return a + r.nextDouble() * (b - a);
    }

    private <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
