package dev.rex.gqa.ground;

/**
 * Which IoU grounds an object to a detected box.
 * <ul>
 *   <li>{@link #REFERENCE}: the original {@code convert_explanation.py} formula, which does not clamp the overlap
 *   of each axis at 0, so two boxes disjoint on both axes get a positive "intersection" and can win. The released
 *   GQA-REX was built that way; it is the default.</li>
 *   <li>{@link #CLAMPED}: the corrected IoU (each axis' overlap clamped at 0).</li>
 * </ul>
 */
public enum IouMode {
    REFERENCE, CLAMPED;

    public static IouMode parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "reference" -> REFERENCE;
            case "clamped" -> CLAMPED;
            default -> throw new IllegalArgumentException("--iou must be 'reference' (the original's unclamped IoU) "
                    + "or 'clamped' (corrected), not '" + s + "'");
        };
    }
}
