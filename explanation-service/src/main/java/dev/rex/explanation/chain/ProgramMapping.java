package dev.rex.explanation.chain;

import dev.rex.events.Box;
import dev.rex.events.ProgramEvent;
import dev.rex.gqa.model.Relation;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.model.SceneObject;
import dev.rex.gqa.semantics.AbstractStep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From the {@code rex.programs} contract to rex-gqa's model: the abstracted steps back to REX's 4-tuples, the
 * event's scene graph and boxes to the chain's types. Exact inverses of what the preprocessing service maps.
 */
public final class ProgramMapping {
    private ProgramMapping() {
    }

    public static List<AbstractStep> program(ProgramEvent p) {
        return p.program().stream().map(ProgramMapping::step).toList();
    }

    private static AbstractStep step(ProgramEvent.ProgramStep s) {
        List<Integer> second = s.second() == null ? null : s.second().dependencies();
        if (s.first() != null && s.first().objectRef() != null) {
            return AbstractStep.withObject(s.operation(), s.argument(), s.first().objectRef(), second);
        }
        return AbstractStep.withDependencies(s.operation(), s.argument(),
                s.first() == null ? List.of() : s.first().dependencies(), second);
    }

    /**
     * The event's graph, or null when the producer had none. {@code integralBox} (whether GQA wrote the box as JSON
     * integers, which decides Python's int/float arithmetic in grounding) is recovered from the values: GQA and the
     * synthetic world write integer boxes, and a JSON {@code 12.0} written as a float is the one case this misreads.
     */
    public static SceneGraph graph(String imageId, dev.rex.events.SceneGraph g) {
        if (g == null) return null;
        Map<String, SceneObject> objects = new LinkedHashMap<>();
        g.objects().forEach((id, o) -> objects.put(id, new SceneObject(id, o.name(), o.x(), o.y(), o.w(), o.h(),
                integral(o.x()) && integral(o.y()) && integral(o.w()) && integral(o.h()), o.attributes(),
                o.relations().stream().map(r -> new Relation(r.name(), r.object())).toList())));
        return new SceneGraph(imageId, g.width(), g.height(), g.location(), g.weather(), objects);
    }

    private static boolean integral(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v);
    }

    /** The regions' boxes as float32 (they were float32 in the feature store), or null when the event has none. */
    public static float[][] boxes(List<Box> boxes) {
        if (boxes.isEmpty()) return null;
        float[][] out = new float[boxes.size()][];
        for (int i = 0; i < out.length; i++) {
            Box b = boxes.get(i);
            out[i] = new float[]{(float) b.x1(), (float) b.y1(), (float) b.x2(), (float) b.y2()};
        }
        return out;
    }
}
