package dev.rex.gqa.synth;

import java.util.ArrayList;
import java.util.List;

/** A composed synthetic image: size and objects in creation order. */
final class SynthScene {
    final String imageId;
    final int width, height;
    final List<SynthObject> objects = new ArrayList<>();

    SynthScene(String imageId, int width, int height) {
        this.imageId = imageId;
        this.width = width;
        this.height = height;
    }

    List<SynthObject> named(String name) {
        List<SynthObject> out = new ArrayList<>();
        for (SynthObject o : objects) if (o.name().equals(name)) out.add(o);
        return out;
    }

    SynthObject byId(String id) {
        for (SynthObject o : objects) if (o.id.equals(id)) return o;
        throw new IllegalArgumentException("no object " + id);
    }
}
