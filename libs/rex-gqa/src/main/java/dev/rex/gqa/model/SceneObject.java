package dev.rex.gqa.model;

import java.util.List;

/**
 * A scene-graph object. Coordinates are pixels (top-left corner, width, height). {@code integralBox} records
 * whether GQA wrote the four numbers as JSON integers: the original grounding mixes Python ints with NumPy
 * float32 boxes, and the result type of that arithmetic depends on it (see the grounding package).
 * The attribute list is immutable; the per-image state of the program stage lives beside the graph.
 */
public record SceneObject(String id, String name, double x, double y, double w, double h, boolean integralBox,
                          List<String> attributes, List<Relation> relations) {
    public SceneObject {
        attributes = List.copyOf(attributes);
        relations = List.copyOf(relations);
    }
}
