package dev.rex.gqa.program;

import dev.rex.gqa.model.SceneObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of an image's scene graph that the program stage changes. The original's {@code same}/{@code different}
 * on {@code gender} appends "male"/"female" to the attribute list of each object it looks at, in the scene graph
 * loaded once per split, so every later question of the split on the same image sees the longer list (a later
 * {@code verify female} or {@code query gender} can change). A batch build keeps one state per image and split and
 * runs that image's questions in file order. Only the appended values are stored here; the graph stays immutable.
 * Not thread-safe: one image's questions run on one thread.
 */
public final class ImageState {
    private Map<String, List<String>> appended;

    /** A fresh state for a service that sees one question at a time and must not carry changes over. */
    public static ImageState fresh() {
        return new ImageState();
    }

    /** The object's attributes as the original sees them at this point of the split. */
    public List<String> attributes(SceneObject o) {
        List<String> extra = appended == null ? null : appended.get(o.id());
        if (extra == null) return o.attributes();
        List<String> all = new ArrayList<>(o.attributes().size() + extra.size());
        all.addAll(o.attributes());
        all.addAll(extra);
        return all;
    }

    void append(SceneObject o, String value) {
        if (appended == null) appended = new HashMap<>();
        appended.computeIfAbsent(o.id(), k -> new ArrayList<>(2)).add(value);
    }

    /** Whether any question has changed this image's graph (such states must be kept for the whole split). */
    public boolean changed() {
        return appended != null;
    }
}
