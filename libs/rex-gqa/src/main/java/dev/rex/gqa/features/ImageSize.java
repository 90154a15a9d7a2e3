package dev.rex.gqa.features;

/** Width and height in pixels of an image of the feature store (from the bottom-up TSV or the synthetic world). */
public record ImageSize(int width, int height) {
}
