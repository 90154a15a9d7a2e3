package dev.rex.gqa.model;

/** A directed scene-graph relation: the owning object is {@code name} the object {@code object} (an id). */
public record Relation(String name, String object) {
}
