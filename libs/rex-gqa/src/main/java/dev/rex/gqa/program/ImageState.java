package dev.rex.gqa.program;

import dev.rex.gqa.model.SceneObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of an image's scene graph that the program stage changes. The original's {@code same}/{@code different}
 * on {@code gender} appends "male"/"female" to the attribute list of each object it looks at, in the scene graph
 * loaded once per split, so every later question of the split on the same image sees the longer list (a later
 * {@code verify female} or {@code query gender} can change). A batch build keeps one state per image and split and
 * runs that image's questions in file order. Only the appended values are stored here; the graph stays immutable.
 * Not thread-safe: one image's questions run on one thread.
 * <p>
 * A service that streams an image's questions in order keeps the state between them by saving {@link #appended()}
 * and restoring it with {@link #of}; the state only grows, so {@link #appends()} orders two saved versions.
 */
public final class ImageState {
    private Map<String, List<String>> appended;

    /** A fresh state: the image's graph as GQA wrote it. */
    public static ImageState fresh() {
        return new ImageState();
    }

    /** A state saved with {@link #appended()} (object id → values appended to its attributes, in order). */
    public static ImageState of(Map<String, List<String>> appended) {
        ImageState s = new ImageState();
        appended.forEach((id, values) -> {
            for (String v : values) s.append(id, v);
        });
        return s;
    }

    /** An independent copy (a caller that may have to discard what a run appended keeps the original). */
    public ImageState copy() {
        return appended == null ? fresh() : of(appended);
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
        append(o.id(), value);
    }

    private void append(String objectId, String value) {
        if (appended == null) appended = new LinkedHashMap<>();
        appended.computeIfAbsent(objectId, k -> new ArrayList<>(2)).add(value);
    }

    /** Whether any question has changed this image's graph (such states must be kept for the whole split). */
    public boolean changed() {
        return appended != null;
    }

    /** What the questions so far appended: object id → values, in the order they were appended (a copy). */
    public Map<String, List<String>> appended() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (appended != null) appended.forEach((id, values) -> out.put(id, List.copyOf(values)));
        return out;
    }

    /** How many values were appended in all: a later state of the same image never has fewer. */
    public int appends() {
        if (appended == null) return 0;
        int n = 0;
        for (List<String> values : appended.values()) n += values.size();
        return n;
    }
}
