package dev.rex.gqa.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GQA scene graph: {@code imageId → {width, height, location?, weather?, objects{id → object}}}.
 * Objects keep file order (it decides nothing in the chain, but it keeps round trips faithful).
 */
public record SceneGraph(String imageId, double width, double height, String location, String weather,
                         Map<String, SceneObject> objects) {
    public SceneGraph {
        objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
    }

    public SceneObject object(String id) {
        return objects.get(id);
    }
}
