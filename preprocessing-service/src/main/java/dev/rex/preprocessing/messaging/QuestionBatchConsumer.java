package dev.rex.preprocessing.messaging;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.GroundingReference;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ProgramEvent;
import dev.rex.events.QuestionEvent;
import dev.rex.events.Box;
import dev.rex.events.SceneGraph;
import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.build.RejectionCode;
import dev.rex.gqa.build.Stage;
import dev.rex.preprocessing.gqa.GqaEvents;
import dev.rex.preprocessing.gqa.SceneSources;
import dev.rex.preprocessing.config.PreprocessingConfig;
import dev.rex.preprocessing.persistence.QuestionRepository;
import dev.rex.preprocessing.program.ProgramAbstraction;
import dev.rex.service.BatchEventConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code rex.questions}, a poll at a time → persisted questions (one multi-row upsert by qid per batch) →
 * {@code rex.programs} (questions with a GQA program, for the explanation service) and {@code rex.inference.requests}
 * (questions of the configured inference splits), each batch's events sent together; acknowledgement and
 * dead-lettering as {@link BatchEventConsumer} describes. Outputs keep the input's order and key (the image id), so
 * an image's programs reach the explanation service in file order.
 * <p>
 * The program event carries the abstracted program (rex-gqa), the image's scene graph and its boxes, looked up in
 * the split's {@link SceneSources}. A question the chain cannot take further here — a program the abstraction
 * rejects (unknown operation, dependency out of range…) or an image without a scene graph — is recorded with its
 * reason on the question's row and still sent, carrying the rejection, so that the explanation service keeps one
 * record for every qid: a valid event with an unexplainable program is an outcome, not a dead letter.
 */
@Singleton
public class QuestionBatchConsumer extends BatchEventConsumer<QuestionEvent> {
    private final QuestionRepository questions;
    private final PreprocessingConfig config;
    private final SceneSources sources;
    /** The last images' scenes; used by the batch thread only. */
    private final Map<String, ImageScene> scenes = new LinkedHashMap<>(512, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImageScene> eldest) {
            return size() > 256;
        }
    };

    /**
     * The two emitters are not used to send: they declare the outgoing channels, so that SmallRye creates their
     * producers, on which {@link #publishAll} sends a batch's outputs directly.
     */
    public QuestionBatchConsumer(QuestionRepository questions, PreprocessingConfig config, SceneSources sources,
                                 @Channel(Channels.PROGRAMS_OUT) Emitter<String> programs,
                                 @Channel(Channels.INFERENCE_REQUESTS_OUT) Emitter<String> inferenceRequests) {
        super(EventTypes.QUESTION);
        this.questions = questions;
        this.config = config;
        this.sources = sources;
    }

    @Incoming(Channels.QUESTIONS_IN)
    public CompletionStage<Void> onQuestions(KafkaRecordBatch<String, String> batch) {
        return consume(batch);
    }

    @Override
    protected Map<Integer, RuntimeException> handle(List<QuestionEvent> events, List<String> payloads) {
        Map<Integer, RuntimeException> refused = new LinkedHashMap<>();
        Map<String, QuestionRepository.Row> rows = new LinkedHashMap<>();
        List<ProgramEvent> programEvents = new ArrayList<>();
        List<InferenceRequestEvent> requests = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            QuestionEvent q = events.get(i);
            try {
                ProgramAbstraction.Result program = q.semantic().isEmpty() ? null : ProgramAbstraction.of(q);
                boolean explain = program != null;
                boolean infer = config.inferenceSplits().contains(q.split());
                ProgramEvent event = explain ? programEvent(q, program) : null;
                String rejection = event == null || event.rejection() == null ? null
                        : event.rejection().code() + ": " + event.rejection().detail();
                QuestionRepository.Row earlier = rows.remove(q.qid()); // the later delivery is the record
                rows.put(q.qid(), new QuestionRepository.Row(q, payloads.get(i), explain, infer, rejection,
                        earlier == null ? 1 : earlier.deliveries() + 1));
                if (explain) programEvents.add(event);
                if (infer) {
                    requests.add(new InferenceRequestEvent(EventIds.newId(), q.correlationId(),
                            EventTypes.INFERENCE_REQUEST.currentVersion(), q.qid(), q.imageId(), q.question(), q.split(),
                            null));
                }
            } catch (RuntimeException e) { // a bug of ours on one record must not stop its batch-mates
                refused.put(i, refuse("qid " + q.qid() + " could not be routed: " + e));
            }
        }
        questions.upsertAll(List.copyOf(rows.values()));
        publishAll(Channels.PROGRAMS_OUT, programEvents);
        publishAll(Channels.INFERENCE_REQUESTS_OUT, requests);
        return refused;
    }

    private ProgramEvent programEvent(QuestionEvent q, ProgramAbstraction.Result program) {
        ProgramEvent.ProgramRejection rejection = program.rejected()
                ? new ProgramEvent.ProgramRejection(Stage.SEMANTICS.label(), program.code(), program.detail()) : null;
        SceneGraph graph = null;
        List<Box> boxes = List.of();
        ProgramEvent.ProgramRejection sceneRejection = null;
        Optional<SceneSources.Source> source = sources.forSplit(q.split());
        if (source.isPresent()) {
            ImageScene scene = scene(source.get(), q.imageId());
            graph = scene.graph();
            boxes = scene.boxes();
            sceneRejection = scene.rejection();
        }
        // the grounding score's reference is scored for every prediction, so a rejected program carries it too
        GroundingReference reference = graph == null || boxes.isEmpty() || q.annotations() == null ? null
                : GroundingReference.of(q.annotations().objectIds(), graph, boxes);
        if (rejection == null) {
            rejection = sceneRejection;
        }
        if (rejection != null) {
            graph = null;
            boxes = List.of();
        }
        return new ProgramEvent(EventIds.newId(), q.correlationId(), EventTypes.PROGRAM.currentVersion(), q.qid(),
                q.imageId(), q.split(), q.question(), q.answer(), program.program(), graph, boxes, rejection, q.position(),
                reference);
    }

    /** An image's graph and boxes as events carry them, or why there is no graph. */
    private record ImageScene(SceneSources.Source source, SceneGraph graph, List<Box> boxes,
                              ProgramEvent.ProgramRejection rejection) {
    }

    /**
     * The image's scene, converted once for all its questions (they come one after another, keyed by image): the
     * same graph and box list then go out in every question's program, which the event codec writes once per image.
     */
    private ImageScene scene(SceneSources.Source source, String imageId) {
        String key = source.graphFile() + "\u0000" + imageId;
        ImageScene known = scenes.get(key);
        if (known != null && known.source() == source) return known;
        SceneGraph graph = null;
        List<Box> boxes = List.of();
        ProgramEvent.ProgramRejection rejection = null;
        try {
            graph = GqaEvents.graph(source.graphs().get(imageId));
        } catch (RejectedException e) { // as the batch build records it: at the program stage
            rejection = new ProgramEvent.ProgramRejection(Stage.PROGRAM.label(), e.code().name(), e.detail());
        } catch (IllegalArgumentException e) {
            rejection = new ProgramEvent.ProgramRejection(Stage.PROGRAM.label(),
                    RejectionCode.INVALID_SCENE_GRAPH.name(), "image " + imageId + ": " + e.getMessage());
        }
        if (graph != null && source.boxes() != null) {
            try {
                boxes = List.copyOf(GqaEvents.boxes(source.boxes().boxes(imageId)));
            } catch (RejectedException | IllegalArgumentException e) {
                // no boxes: the explanation service rejects the question at grounding (MISSING_BOXES)
            }
        }
        ImageScene scene = new ImageScene(source, graph, boxes, rejection);
        scenes.put(key, scene);
        return scene;
    }
}
