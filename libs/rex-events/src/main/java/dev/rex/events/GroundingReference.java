package dev.rex.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What REX's grounding score needs of a question, carried from the service that has the GQA files (preprocessing:
 * the question's annotations, its image's scene graph and detected boxes) to the evaluation service: the image's
 * size, the annotated objects' boxes and the image's detected boxes ({@code #0}…{@code #35}).
 * <p>
 * {@code annotated} is a list, in GQA's annotation order (the question's, then the answer's, then the full
 * answer's objects, each id at its first appearance): the published score fills only the <b>last</b> of them, so
 * the order is part of the number. Objects missing from the scene graph are left out, as the metric does.
 *
 * @param imageWidth  the scene graph's image width (pixels)
 * @param imageHeight the scene graph's image height (pixels)
 * @param annotated   the annotated objects with their scene-graph boxes, in annotation order
 * @param detected    the image's detected boxes, region {@code k} at index {@code k}
 */
public record GroundingReference(double imageWidth, double imageHeight, List<AnnotatedObject> annotated,
                                 List<Box> detected) {
    public GroundingReference {
        if (!(imageWidth > 0 && imageHeight > 0)) {
            throw new IllegalArgumentException("grounding imageWidth and imageHeight must be > 0, were "
                    + imageWidth + "x" + imageHeight);
        }
        annotated = Require.list(annotated);
        detected = Require.list(detected);
        Require.sizeAtMost(detected, ProgramEvent.REGIONS, "grounding detected boxes");
    }

    /** An annotated object: its scene-graph id and box ({@code x, y, w, h} as the scene graph gives them). */
    public record AnnotatedObject(String objectId, double x, double y, double w, double h) {
        public AnnotatedObject {
            Require.text(objectId, "annotated objectId");
        }
    }

    /**
     * The reference of a question from its annotated object ids (in annotation order), its image's graph and
     * detected boxes; ids the graph lacks are left out.
     */
    public static GroundingReference of(List<String> annotatedObjectIds, SceneGraph graph, List<Box> detected) {
        List<AnnotatedObject> objects = new ArrayList<>();
        for (String objectId : annotatedObjectIds) {
            SceneGraph.SceneObject o = graph.objects().get(objectId);
            if (o != null) {
                objects.add(new AnnotatedObject(objectId, o.x(), o.y(), o.w(), o.h()));
            }
        }
        return new GroundingReference(graph.width(), graph.height(), objects, detected);
    }

    /** Distinct ids in the order given (first appearance kept): a helper for {@link #of}'s callers. */
    static List<String> distinct(List<String> ids) {
        Set<String> seen = new LinkedHashSet<>(ids);
        return List.copyOf(seen);
    }
}
