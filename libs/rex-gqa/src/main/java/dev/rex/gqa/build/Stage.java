package dev.rex.gqa.build;

/** The stages of the GQA-REX chain, named as in rejection records and counts. */
public enum Stage {
    INPUT("input"), SEMANTICS("semantics"), PROGRAM("program"), POST_PROCESSING("post_processing"),
    GROUNDING("grounding"), FINALIZING("finalizing");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
