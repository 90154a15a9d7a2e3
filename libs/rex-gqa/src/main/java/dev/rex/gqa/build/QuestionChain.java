package dev.rex.gqa.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.finalize.Finalizer;
import dev.rex.gqa.ground.Grounder;
import dev.rex.gqa.ground.IouMode;
import dev.rex.gqa.model.GqaQuestion;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.post.CorpusVocabulary;
import dev.rex.gqa.post.PostProcessor;
import dev.rex.gqa.post.TokenRewrite;
import dev.rex.gqa.program.ImageState;
import dev.rex.gqa.program.ProgramExecutor;
import dev.rex.gqa.semantics.AbstractStep;
import dev.rex.gqa.semantics.SemanticsAbstraction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole chain for one question at a time, for services that stream questions. The two corpus-level stages
 * use the vocabularies of a full build ({@code vocabulary.json} written by {@link DatasetBuilder}), so a question
 * explained here gets the text the batch build gave it.
 *
 * <p>The per-image gender state of the original (a same/different on gender changes later questions of the split on
 * that image) is the caller's: {@link #explainProgram(String, String, String, List, SceneGraph, float[][], ImageState)}
 * runs on a given {@link ImageState} (a service that sees an image's questions in file order keeps one per image);
 * the other methods run on the image's graph as GQA wrote it. Thread-safe (a state must not be shared by threads).
 */
public final class QuestionChain {
    /** Every stage's output for one question; a later stage's field is null when an earlier one stopped. */
    public record Result(String qid, List<AbstractStep> program, String raw, String processed, String grounded,
                         String converted, DropReason drop, Rejection rejection) {
        /** Whether the question has a final (converted) explanation. */
        public boolean explained() {
            return converted != null;
        }
    }

    private final ProgramExecutor executor = new ProgramExecutor();
    private final PostProcessor post;
    private final Grounder grounder;
    private final Finalizer finalizer;
    private final long seed;

    public QuestionChain(List<String> postProcessingVocabulary, List<String> finalizingVocabulary, IouMode iou,
                         long seed) {
        this.post = new PostProcessor(TokenRewrite.fromVocabulary(new CorpusVocabulary(postProcessingVocabulary)));
        this.finalizer = new Finalizer(TokenRewrite.fromVocabulary(new CorpusVocabulary(finalizingVocabulary)));
        this.grounder = new Grounder(iou);
        this.seed = seed;
    }

    /** From the {@code vocabulary.json} of a build. */
    public static QuestionChain fromBuild(Path vocabularyJson, IouMode iou, long seed) throws IOException {
        JsonNode v = new ObjectMapper().readTree(vocabularyJson.toFile());
        if (v == null || !v.has("post_processing") || !v.has("finalizing")) {
            throw new IllegalArgumentException(vocabularyJson + " is not the vocabulary.json of a GQA-REX build "
                    + "(needs 'post_processing' and 'finalizing' word lists): run 'rex dataset build' first");
        }
        return new QuestionChain(words(v.get("post_processing")), words(v.get("finalizing")), iou, seed);
    }

    private static List<String> words(JsonNode array) {
        List<String> out = new ArrayList<>(array.size());
        array.forEach(w -> out.add(w.asText()));
        return out;
    }

    /** Explains one question on its image's graph and boxes; never throws for bad content (see the result). */
    public Result explain(GqaQuestion q, SceneGraph graph, float[][] boxes) {
        String qid = q.qid();
        List<AbstractStep> program;
        Stage stage = Stage.SEMANTICS;
        try {
            program = SemanticsAbstraction.abstractProgram(q.semantic());
        } catch (RejectedException e) {
            return new Result(qid, null, null, null, null, null, null, new Rejection(qid, stage, e.code(), e.detail()));
        } catch (RuntimeException e) {
            return new Result(qid, null, null, null, null, null, null, new Rejection(qid, stage,
                    RejectionCode.INTERNAL_ERROR, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return explainProgram(qid, q.imageId(), q.answer(), program, graph, boxes);
    }

    /**
     * Explains one question whose program is already abstracted (a service that received the abstracted program
     * from another stage); the stages after the abstraction, as {@link #explain} runs them.
     */
    public Result explainProgram(String qid, String imageId, String answer, List<AbstractStep> program,
                                 SceneGraph graph, float[][] boxes) {
        return explainProgram(qid, imageId, answer, program, graph, boxes, ImageState.fresh());
    }

    /**
     * As {@link #explainProgram(String, String, String, List, SceneGraph, float[][])}, on the image's graph as the
     * split's earlier questions left it ({@code state}, which this question's same/different on gender extends).
     */
    public Result explainProgram(String qid, String imageId, String answer, List<AbstractStep> program,
                                 SceneGraph graph, float[][] boxes, ImageState state) {
        String raw = null;
        String processed = null;
        Stage stage = Stage.PROGRAM;
        try {
            if (graph == null) {
                throw new RejectedException(RejectionCode.MISSING_SCENE_GRAPH, "image " + imageId + " has no scene graph");
            }
            raw = executor.explain(program, graph, state, () -> QuestionSeeds.forQuestion(seed, qid));
            if (raw == null) return new Result(qid, program, null, null, null, null, DropReason.DIRECTION, null);
            DropReason drop = PostProcessor.dropReason(raw);
            if (drop != null) return new Result(qid, program, raw, null, null, null, drop, null);
            stage = Stage.POST_PROCESSING;
            processed = post.process(raw, answer);
            stage = Stage.GROUNDING;
            if (boxes == null) {
                throw new RejectedException(RejectionCode.MISSING_BOXES, "image " + imageId + " has no boxes");
            }
            String grounded = grounder.ground(processed, graph, boxes);
            if (Finalizer.dropped(grounded)) {
                return new Result(qid, program, raw, processed, grounded, null, DropReason.FINAL_ERROR, null);
            }
            return new Result(qid, program, raw, processed, grounded, finalizer.finalize(grounded), null, null);
        } catch (RejectedException e) {
            return new Result(qid, program, raw, processed, null, null, null,
                    new Rejection(qid, stage, e.code(), e.detail()));
        } catch (RuntimeException e) { // a bug of ours must not stop a stream either
            return new Result(qid, program, raw, processed, null, null, null, new Rejection(qid, stage,
                    RejectionCode.INTERNAL_ERROR, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }
}
