package dev.rex.events;

import java.util.List;
import java.util.Map;

/**
 * A GQA scene graph (ARCHITECTURE §8): {@code imageId → {width, height, location?, weather?, objects}}. Sizes are doubles
 * because some GQA-format sources write fractional boxes; integral values survive the JSON round trip unchanged.
 */
public record SceneGraph(double width, double height, String location, String weather, Map<String, SceneObject> objects) {
    public SceneGraph {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("sceneGraph width and height must be > 0, were " + width + "x" + height);
        }
        objects = Require.map(objects);
    }

    /** One annotated object: its name, its box (x, y, w, h in pixels), attributes and outgoing relations. */
    public record SceneObject(String name, double x, double y, double w, double h, List<String> attributes, List<Relation> relations) {
        public SceneObject {
            Require.text(name, "sceneGraph object name");
            attributes = Require.list(attributes);
            relations = Require.list(relations);
        }
    }

    /** A relation to another object of the same graph, e.g. {@code {name: "to the left of", object: "1234"}}. */
    public record Relation(String name, String object) {
        public Relation {
            Require.text(name, "relation name");
            Require.text(object, "relation object");
        }
    }
}
