package dev.rex.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * {@code rex.questions}: a GQA question as ingested (ARCHITECTURE §8 question format), keyed by image id so that one
 * image's questions stay in one partition, in the order they were sent (the explanation service keeps per-image
 * state across them).
 * {@code answer}, {@code fullAnswer}, {@code semantic} and {@code annotations} are absent for questions whose
 * answers are not public (test-dev/submission, streamed application questions).
 *
 * @param split       the GQA split the question belongs to ({@code train}, {@code val}, {@code testdev}, …) or
 *                    {@code stream} for an application's question
 * @param semantic    the question's reasoning program as GQA annotates it
 * @param isBalanced  GQA's balanced-subset flag; null when unknown (streamed questions)
 * @param semanticStr GQA's one-line rendering of the program (kept for provenance)
 * @param types       GQA's question types
 * @param annotations GQA's token-span → object-id annotations of question, answer and full answer
 * @param position    0-based index of the question in the file an import read it from (the order
 *                    {@code rex dataset export} writes in); null for a question posted over REST. Optional within
 *                    schema version 1: readers ignore it when absent.
 */
public record QuestionEvent(String id, String correlationId, int schemaVersion,
                            String qid, String imageId, String split, String question,
                            String answer, String fullAnswer, @JsonProperty("isBalanced") Boolean isBalanced,
                            QuestionTypes types, List<SemanticStep> semantic, String semanticStr,
                            QuestionAnnotations annotations, Long position) implements RexEvent {
    public QuestionEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(qid, "qid");
        Require.text(imageId, "imageId");
        Require.text(split, "split");
        Require.text(question, "question");
        semantic = Require.list(semantic);
        if (position != null && position < 0) {
            throw new IllegalArgumentException("position must be >= 0, was " + position);
        }
    }

    /** A question without a file position (posted over REST; the form before {@code position} was added). */
    public QuestionEvent(String id, String correlationId, int schemaVersion, String qid, String imageId, String split,
                         String question, String answer, String fullAnswer, Boolean isBalanced, QuestionTypes types,
                         List<SemanticStep> semantic, String semanticStr, QuestionAnnotations annotations) {
        this(id, correlationId, schemaVersion, qid, imageId, split, question, answer, fullAnswer, isBalanced, types,
                semantic, semanticStr, annotations, null);
    }

    /** The image id: one image's questions share a partition and keep their order. */
    @Override
    public String key() {
        return imageId;
    }

    /** One step of GQA's program: e.g. {@code {operation: "select", argument: "shirt (123)", dependencies: []}}. */
    public record SemanticStep(String operation, String argument, List<Integer> dependencies) {
        public SemanticStep {
            Require.text(operation, "semantic.operation");
            argument = argument == null ? "" : argument;
            dependencies = Require.list(dependencies);
        }
    }

    /** GQA's {@code types{structural, semantic, detailed}}. */
    public record QuestionTypes(String structural, String semantic, String detailed) {
    }

    /**
     * GQA's {@code annotations{question, answer, fullAnswer}}: token index or range ({@code "2"}, {@code "4:6"})
     * → scene-graph object id. The evaluation uses the annotated objects as the grounding reference.
     */
    public record QuestionAnnotations(Map<String, String> question, Map<String, String> answer,
                                      Map<String, String> fullAnswer) {
        public QuestionAnnotations {
            question = Require.map(question);
            answer = Require.map(answer);
            fullAnswer = Require.map(fullAnswer);
        }

        /**
         * The annotated object ids as REX's grounding takes them: the question's, then the answer's, then the full
         * answer's, each in the order GQA lists them, each id once (first appearance kept). A list, never a set:
         * the published grounding score uses the last one.
         */
        public List<String> objectIds() {
            List<String> ids = new java.util.ArrayList<>();
            ids.addAll(question.values());
            ids.addAll(answer.values());
            ids.addAll(fullAnswer.values());
            return GroundingReference.distinct(ids);
        }
    }
}
