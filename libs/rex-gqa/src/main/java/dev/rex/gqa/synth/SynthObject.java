package dev.rex.gqa.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An object of a synthetic scene while it is being composed (mutable; written out as a GQA scene-graph object). */
final class SynthObject {
    final String id;
    final SynthVocabulary.ObjectClass cls;
    int x, y, w, h;
    /** category -> value, at most one value per category. */
    final Map<String, String> attrs = new LinkedHashMap<>();
    final List<String[]> relations = new ArrayList<>(); // {name, objectId}

    SynthObject(String id, SynthVocabulary.ObjectClass cls) {
        this.id = id;
        this.cls = cls;
    }

    String name() {
        return cls.name();
    }

    double cx() {
        return x + w / 2.0;
    }

    double cy() {
        return y + h / 2.0;
    }

    boolean has(String rel, SynthObject other) {
        for (String[] r : relations) if (r[0].equals(rel) && r[1].equals(other.id)) return true;
        return false;
    }

    void relate(String rel, SynthObject other) {
        if (!has(rel, other)) relations.add(new String[]{rel, other.id});
    }
}
