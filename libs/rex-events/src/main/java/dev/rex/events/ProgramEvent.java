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
 * <p>
 * {@code rejection} (optional, added within schema version 1: readers ignore it when absent) says why the producer
 * could not abstract the program (e.g. an unknown operation): the consumer then records the question as rejected
 * with that code and detail, so that every ingested qid gets one record (explanation or rejection).
 * <p>
 * Keyed by image id (as {@code rex.questions}): one image's programs reach the explanation service in file order,
 * which keeps the image's gender state across them. {@code position} (optional, added within schema version 1) is
 * the question's {@link QuestionEvent#position()}.
 * {@code groundingReference} (optional, added within schema version 1) is what the grounding score needs of the
 * question (annotated objects' boxes in annotation order, image size, detected boxes), present whenever the
 * producer has the image's scene graph and boxes, also for a rejected program; the explanation service passes it
 * on to {@code rex.explanations} for the evaluation service.
 */
public record ProgramEvent(String id, String correlationId, int schemaVersion,
                           String qid, String imageId, String split, String question, String answer,
                           List<ProgramStep> program, SceneGraph sceneGraph, List<Box> boxes,
                           ProgramRejection rejection, Long position,
                           GroundingReference groundingReference) implements RexEvent {
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
        if (position != null && position < 0) {
            throw new IllegalArgumentException("position must be >= 0, was " + position);
        }
    }

    /** An event with a file position and no grounding reference. */
    public ProgramEvent(String id, String correlationId, int schemaVersion, String qid, String imageId, String split,
                        String question, String answer, List<ProgramStep> program, SceneGraph sceneGraph,
                        List<Box> boxes, ProgramRejection rejection, Long position) {
        this(id, correlationId, schemaVersion, qid, imageId, split, question, answer, program, sceneGraph, boxes,
                rejection, position, null);
    }

    /** An event with a grounding reference and no file position. */
    public ProgramEvent(String id, String correlationId, int schemaVersion, String qid, String imageId, String split,
                        String question, String answer, List<ProgramStep> program, SceneGraph sceneGraph,
                        List<Box> boxes, ProgramRejection rejection, GroundingReference groundingReference) {
        this(id, correlationId, schemaVersion, qid, imageId, split, question, answer, program, sceneGraph, boxes,
                rejection, null, groundingReference);
    }

    /** An event without a file position or grounding reference. */
    public ProgramEvent(String id, String correlationId, int schemaVersion, String qid, String imageId, String split,
                        String question, String answer, List<ProgramStep> program, SceneGraph sceneGraph,
                        List<Box> boxes, ProgramRejection rejection) {
        this(id, correlationId, schemaVersion, qid, imageId, split, question, answer, program, sceneGraph, boxes,
                rejection, null, null);
    }

    /** An event without a rejection (the form before {@code rejection} was added). */
    public ProgramEvent(String id, String correlationId, int schemaVersion, String qid, String imageId, String split,
                        String question, String answer, List<ProgramStep> program, SceneGraph sceneGraph,
                        List<Box> boxes) {
        this(id, correlationId, schemaVersion, qid, imageId, split, question, answer, program, sceneGraph, boxes, null,
                null, null);
    }

    /**
     * Why the program could not be abstracted.
     *
     * @param stage  the chain stage that rejected it (e.g. {@code semantics})
     * @param code   the rejection code (rex-gqa's {@code RejectionCode} name, e.g. {@code UNKNOWN_OPERATION})
     * @param detail what exactly was wrong (step, operation, dependency)
     */
    public record ProgramRejection(String stage, String code, String detail) {
        public ProgramRejection {
            Require.text(stage, "rejection.stage");
            Require.text(code, "rejection.code");
            Require.text(detail, "rejection.detail");
        }
    }

    /** The image id, as {@link QuestionEvent#key()}. */
    @Override
    public String key() {
        return imageId;
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
