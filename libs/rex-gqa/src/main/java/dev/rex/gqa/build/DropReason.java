package dev.rex.gqa.build;

/** The original's deliberate drops: the question leaves the corpus at that stage, by design. Counted, not rejected. */
public enum DropReason {
    /** exp_generator: the explanation mentions {@code (obj*:direction)}; not written even to the raw file. */
    DIRECTION(Stage.PROGRAM),
    /** post_processing: a {@code query} found no attribute of the category ({@code ERROR}). */
    ERROR(Stage.POST_PROCESSING),
    /** post_processing: a question about the whole scene ({@code (obj*:scene)}). */
    SCENE(Stage.POST_PROCESSING),
    /** post_processing: the generator wrote an empty explanation. */
    EMPTY(Stage.POST_PROCESSING),
    /** finalize_exp: {@code ERROR} still present (kept from the original; post-processing removes them first). */
    FINAL_ERROR(Stage.FINALIZING);

    private final Stage stage;

    DropReason(Stage stage) {
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
