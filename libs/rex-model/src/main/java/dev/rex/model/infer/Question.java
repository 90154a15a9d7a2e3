package dev.rex.model.infer;

/**
 * One question to answer: its text as asked (cleaned here as in training), and its image's 36 detected regions:
 * {@code features} [36 × 2048] and {@code boxes} [36 × 4] ({@code x1, y1, x2, y2} in pixels), both row-major as the
 * feature store holds them.
 */
public record Question(String text, float[] features, float[] boxes) {
    public Question {
        if (text == null) {
            throw new IllegalArgumentException("question text is required");
        }
        if (features == null || features.length != QuestionAnswerer.REGIONS * QuestionAnswerer.FEATURE_DIM) {
            throw new IllegalArgumentException("features must hold 36 x 2048 values, got "
                    + (features == null ? "none" : features.length));
        }
        if (boxes == null || boxes.length != QuestionAnswerer.REGIONS * QuestionAnswerer.BOX_DIM) {
            throw new IllegalArgumentException("boxes must hold 36 x 4 values, got "
                    + (boxes == null ? "none" : boxes.length));
        }
    }
}
