package dev.rex.gqa.ground;

/** The detected boxes of an image: rows of x1 y1 x2 y2 in pixels (36 rows for bottom-up features). */
public interface BoxSource {
    /**
     * @throws dev.rex.gqa.build.RejectedException with {@code MISSING_BOXES} when the image has no usable boxes
     */
    float[][] boxes(String imageId);
}
