package dev.rex.model.infer;

/**
 * A region an explanation points at: its token ({@code #k}), the region index k (0..35) and that region's box
 * ({@code x1, y1, x2, y2} in pixels, as the image's boxes give it).
 */
public record GroundedRegion(String token, int region, float x1, float y1, float x2, float y2) {
}
