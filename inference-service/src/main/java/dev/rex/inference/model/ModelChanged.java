package dev.rex.inference.model;

/** CDI event fired after the holder swapped in a new model (workers then drop their answerers of the old one). */
public record ModelChanged(String version) {
}
