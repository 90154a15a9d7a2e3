package dev.rex.explanation.chain;

import dev.rex.explanation.config.ExplanationConfig;
import dev.rex.explanation.persistence.ExplanationRepository;
import dev.rex.gqa.build.QuestionChain;
import dev.rex.gqa.ground.IouMode;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.post.CorpusVocabulary;
import dev.rex.gqa.semantics.AbstractStep;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The GQA-REX chain of this service (rex-gqa {@link QuestionChain}) and the two corpus vocabularies it runs with
 * (ARCHITECTURE §5: post-processing and finalizing rewrite plurals against the vocabulary of the whole corpus).
 * <p>
 * With {@code rex.explanation.build-dir} naming a {@code rex dataset build} output, the vocabularies are that build's
 * {@code vocabulary.json}: a question gets the text the batch build gave it. Without one (or when it cannot be read)
 * the service runs on the <b>streaming corpus seen so far</b>: every raw and grounded text this service produced
 * (reloaded from the database, in arrival order, after a restart) plus the current question's, so a plural is
 * rewritten only once its singular has been seen. Explanations of early questions may then differ from a later full
 * build; the readiness check says which mode runs ({@link VocabularyHealth}).
 */
@ApplicationScoped
public class Explainer {
    private static final Logger LOG = Logger.getLogger(Explainer.class);

    /** Which vocabularies the chain uses. */
    public record Mode(boolean fromBuild, String description, String problem) {
    }

    private final ExplanationConfig config;
    private final ExplanationRepository repository;
    private Mode mode;
    private QuestionChain chain;
    private CorpusVocabulary post; // streaming mode only
    private CorpusVocabulary fin;

    public Explainer(ExplanationConfig config, ExplanationRepository repository) {
        this.config = config;
        this.repository = repository;
    }

    private IouMode iou() {
        return config.iou() == ExplanationConfig.Iou.clamped ? IouMode.CLAMPED : IouMode.REFERENCE;
    }

    /** Loads the configured build, or falls back to the streaming corpus (and says why). */
    public synchronized Mode mode() {
        if (mode != null) return mode;
        String problem = null;
        if (config.buildDir().isPresent()) {
            Path vocabulary = config.buildDir().get().resolve("vocabulary.json");
            if (Files.isRegularFile(vocabulary)) {
                try {
                    chain = QuestionChain.fromBuild(vocabulary, iou(), config.seed());
                    mode = new Mode(true, "vocabularies of the dataset build " + config.buildDir().get(), null);
                    LOG.infof("explaining with the %s", mode.description());
                    return mode;
                } catch (Exception e) {
                    problem = "cannot read " + vocabulary + ": " + e.getMessage();
                }
            } else {
                problem = "rex.explanation.build-dir=" + config.buildDir().get() + " has no vocabulary.json "
                        + "(run 'rex dataset build --out DIR' and point the service at DIR)";
            }
        }
        post = new CorpusVocabulary();
        fin = new CorpusVocabulary();
        repository.forEachText((raw, grounded) -> {
            if (raw != null) post.addPostProcessingText(raw);
            if (grounded != null) fin.addFinalizingText(grounded);
        });
        chain = streamingChain();
        mode = new Mode(false, "streaming corpus seen so far (" + post.size() + " post-processing words, "
                + fin.size() + " finalizing words): no dataset build configured (rex.explanation.build-dir)", problem);
        LOG.warnf("explaining with the %s%s", mode.description(), problem == null ? "" : "; " + problem);
        return mode;
    }

    private QuestionChain streamingChain() {
        return new QuestionChain(post.words(), fin.words(), iou(), config.seed());
    }

    /** Runs the chain on one abstracted program; in streaming mode the question's own texts join the corpus first. */
    public synchronized QuestionChain.Result explain(String qid, String imageId, String answer,
                                                     List<AbstractStep> program, SceneGraph graph, float[][] boxes) {
        mode();
        QuestionChain.Result r = chain.explainProgram(qid, imageId, answer, program, graph, boxes);
        if (mode.fromBuild()) return r;
        int before = post.size() + fin.size();
        if (r.raw() != null) post.addPostProcessingText(r.raw());
        if (r.grounded() != null) fin.addFinalizingText(r.grounded());
        if (post.size() + fin.size() == before) return r;
        chain = streamingChain(); // the question's words are part of the corpus it is rewritten against
        QuestionChain.Result again = chain.explainProgram(qid, imageId, answer, program, graph, boxes);
        if (again.grounded() != null) fin.addFinalizingText(again.grounded());
        return again;
    }
}
