package dev.rex.metrics.spice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The semantic tuples of a caption's scene graph, as SPICE counts them: objects {@code (o)}, attributes
 * {@code (o, a)} and relations {@code (o, r, o')}, each element a lemma (or a relation phrase). Duplicates merge.
 */
final class SpiceTuples {

    private final Set<List<String>> tuples = new LinkedHashSet<>();

    void object(String name) {
        tuples.add(List.of(name));
    }

    void attribute(String object, String attribute) {
        tuples.add(List.of(object, attribute));
    }

    void relation(String subject, String relation, String object) {
        tuples.add(List.of(subject, relation, object));
    }

    void addAll(SpiceTuples other) {
        tuples.addAll(other.tuples);
    }

    void add(List<String> tuple) {
        tuples.add(List.copyOf(tuple));
    }

    int size() {
        return tuples.size();
    }

    List<List<String>> list() {
        return Collections.unmodifiableList(new ArrayList<>(tuples));
    }
}
