package dev.rex.preprocessing.gqa;

import dev.rex.events.Box;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.QuestionEvent;
import dev.rex.events.SceneGraph;
import dev.rex.gqa.model.GqaQuestion;
import dev.rex.gqa.model.SceneObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** From rex-gqa's model (as its readers parse GQA files) to the event contract. Object order is kept. */
public final class GqaEvents {
    private GqaEvents() {
    }

    public static QuestionEvent question(GqaQuestion q, String split, String correlationId) {
        return question(q, split, correlationId, null);
    }

    /** @param position the question's 0-based index in the file an import reads (null: not from a file) */
    public static QuestionEvent question(GqaQuestion q, String split, String correlationId, Long position) {
        List<QuestionEvent.SemanticStep> steps = q.semantic().stream()
                .map(s -> new QuestionEvent.SemanticStep(s.operation(), s.argument(), s.dependencies())).toList();
        QuestionEvent.QuestionAnnotations annotations = new QuestionEvent.QuestionAnnotations(
                q.annotations().question(), q.annotations().answer(), q.annotations().fullAnswer());
        return new QuestionEvent(EventIds.newId(), correlationId, EventTypes.QUESTION.currentVersion(), q.qid(),
                q.imageId(), split, q.question(), q.answer(), q.fullAnswer(), null, null, steps, null, annotations,
                position);
    }

    /** The scene graph as the event carries it; IllegalArgumentException when it breaks the contract. */
    public static SceneGraph graph(dev.rex.gqa.model.SceneGraph g) {
        Map<String, SceneGraph.SceneObject> objects = new LinkedHashMap<>();
        for (Map.Entry<String, SceneObject> e : g.objects().entrySet()) {
            SceneObject o = e.getValue();
            objects.put(e.getKey(), new SceneGraph.SceneObject(o.name(), o.x(), o.y(), o.w(), o.h(), o.attributes(),
                    o.relations().stream().map(r -> new SceneGraph.Relation(r.name(), r.object())).toList()));
        }
        return new SceneGraph(g.width(), g.height(), g.location(), g.weather(), objects);
    }

    /** float32 [N,4] x1 y1 x2 y2 → boxes (float → double is exact, so the consumer gets the float32 values back). */
    public static List<Box> boxes(float[][] boxes) {
        List<Box> out = new ArrayList<>(boxes.length);
        for (float[] b : boxes) out.add(new Box(b[0], b[1], b[2], b[3]));
        return out;
    }
}
