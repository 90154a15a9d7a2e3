package dev.rex.events;

import java.util.List;

/**
 * {@code rex.programs}: a question whose GQA program has been abstracted (REX {@code process_semantics_exp}),
 * together with what the functional program needs to execute it: the image's scene graph and its detected
 * region boxes ({@code #0}…{@code #35}).
 * <p>
 * {@code program} is empty, {@code sceneGraph} null and {@code boxes} empty while the producer cannot supply them
 * (no scene-graph/feature store configured, or abstraction not run): the consumer then records the question and
 * explains nothing for it.
 */
public record ProgramEvent(String id, String correlationId, int schemaVersion,
                           String qid, String imageId, String split, String question, String answer,
                           List<ProgramStep> program, SceneGraph sceneGraph, List<Box> boxes) implements RexEvent {
    /** Bottom-up features give 36 regions per image. */
    public static final int REGIONS = 36;

    public ProgramEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(qid, "qid");
        Require.text(imageId, "imageId");
        Require.text(split, "split");
        Require.text(question, "question");
        program = Require.list(program);
        boxes = Require.list(boxes);
        Require.sizeAtMost(boxes, REGIONS, "boxes");
    }

    @Override
    public String key() {
        return qid;
    }

    /**
     * One abstracted step: REX's tuple {@code (operation, argument, obj1, obj2)}, where {@code -1} becomes null.
     *
     * @param argument the attribute, relation or comparison the step is about (null when none)
     * @param first    the step's first operand
     * @param second   its second operand (relations and two-object comparisons)
     */
    public record ProgramStep(String operation, String argument, Operand first, Operand second) {
        public ProgramStep {
            Require.text(operation, "program.operation");
        }
    }

    /**
     * An operand is either the results of earlier steps ({@code dependencies}) or an object reference written
     * as GQA writes it: {@code obj:<id>[,<id>…]} for annotated objects, {@code obj*:<name>} for unannotated ones.
     */
    public record Operand(List<Integer> dependencies, String objectRef) {
        public Operand {
            dependencies = Require.list(dependencies);
            if (!dependencies.isEmpty() && objectRef != null) {
                throw new IllegalArgumentException("an operand is either dependencies or an objectRef, not both");
            }
            if (objectRef != null && !(objectRef.startsWith("obj:") || objectRef.startsWith("obj*:"))) {
                throw new IllegalArgumentException("objectRef must start with 'obj:' or 'obj*:', was '" + objectRef + "'");
            }
        }
    }
}
