package dev.rex.inference.answering;

import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.gqa.features.ImageFeatures;
import dev.rex.inference.model.ServedModels;
import dev.rex.inference.model.ServingModel;
import dev.rex.model.infer.Answer;
import dev.rex.model.infer.Question;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Answers a batch of requests: each is routed to the version it pins (or the newest served one), the requests of
 * one version go through {@link dev.rex.model.infer.QuestionAnswerer#answer(List)} in one forward pass (the path
 * {@code rex bench inference} times), a pin this replica does not serve gets {@code VERSION_UNAVAILABLE} naming the
 * served versions, and with no model at all the answer is {@code NO_MODEL}. A request whose image has no region
 * features is rejected with a reason (its batch-mates are answered).
 */
@Singleton
public class BatchAnswering {
    /** A request to answer and when it was asked. */
    public record Pending(InferenceRequestEvent request, String requestedAt) {
    }

    /** What became of one request: a prediction, or a rejection reason (then {@code prediction} is null). */
    public record Outcome(Pending pending, PredictionEvent prediction, String rejection) {
    }

    private final ImageRegions images;
    private final Timer forward;
    private final DistributionSummary batchSizes;
    private final MeterRegistry registry;

    public BatchAnswering(ImageRegions images, MeterRegistry registry) {
        this.images = images;
        this.registry = registry;
        this.forward = Timer.builder("rex.inference.forward").description("one batched forward pass with decoding")
                .publishPercentileHistogram().register(registry);
        this.batchSizes = DistributionSummary.builder("rex.inference.batch.size")
                .description("questions answered by one forward pass").publishPercentileHistogram()
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64).register(registry);
    }

    /** Outcomes in the order of {@code batch}. */
    public List<Outcome> answer(List<Pending> batch, ServedModels served, WorkerAnswerers answerers) {
        Map<Pending, Outcome> done = new LinkedHashMap<>();
        Map<ServingModel, List<Pending>> byModel = new LinkedHashMap<>();
        Map<Pending, ImageFeatures> regions = new LinkedHashMap<>();
        for (Pending p : batch) {
            InferenceRequestEvent r = p.request();
            Optional<ServingModel> model = r.modelVersion() == null ? served.newest() : served.version(r.modelVersion());
            String rejected = null;
            if (model.isPresent()) {
                try {
                    regions.put(p, regionsOf(r.imageId()));
                } catch (RejectedRequest e) {
                    rejected = e.getMessage();
                }
            } else {
                // an image without features can never be answered, with or without a model
                try {
                    rejected = images.contains(r.imageId()) ? null : missing(r.imageId());
                } catch (IllegalArgumentException e) {
                    rejected = "image id '" + r.imageId() + "' cannot name a feature file: " + e.getMessage();
                }
            }
            if (rejected != null) {
                done.put(p, new Outcome(p, null, rejected));
            } else if (model.isPresent()) {
                byModel.computeIfAbsent(model.get(), m -> new ArrayList<>()).add(p);
            } else if (r.modelVersion() == null) {
                done.put(p, new Outcome(p, Predictions.noModel(r, p.requestedAt()), null));
            } else {
                done.put(p, new Outcome(p, Predictions.versionUnavailable(r, p.requestedAt(), served.versions()), null));
            }
        }
        byModel.forEach((model, group) -> {
            List<Question> questions = group.stream().map(p -> {
                ImageFeatures f = regions.get(p);
                return new Question(p.request().question(), f.features(), f.boxes());
            }).toList();
            try {
                answerGroup(model, group, questions, answerers, done);
            } catch (RuntimeException batchFailure) {
                // one question the model cannot take must not sink its batch-mates: each alone, the failing one rejected
                for (int i = 0; i < group.size(); i++) {
                    try {
                        answerGroup(model, List.of(group.get(i)), List.of(questions.get(i)), answerers, done);
                    } catch (RuntimeException e) {
                        done.put(group.get(i), new Outcome(group.get(i), null, "the model " + model.event().version()
                                + " failed on this question: " + e));
                    }
                }
            }
        });
        List<Outcome> out = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            out.add(done.get(p));
            registry.counter("rex.inference.predictions", "outcome",
                    done.get(p).prediction() == null ? "rejected" : done.get(p).prediction().status().name()).increment();
        }
        return out;
    }

    private void answerGroup(ServingModel model, List<Pending> group, List<Question> questions,
                             WorkerAnswerers answerers, Map<Pending, Outcome> done) {
        long t0 = System.nanoTime();
        List<Answer> answers = answerers.of(model).answer(questions);
        long nanos = System.nanoTime() - t0;
        forward.record(nanos, TimeUnit.NANOSECONDS);
        batchSizes.record(group.size());
        String version = model.event().version();
        for (int i = 0; i < group.size(); i++) {
            Pending p = group.get(i);
            done.put(p, new Outcome(p, Predictions.predicted(p.request(), p.requestedAt(), answers.get(i), version,
                    nanos / 1e6, group.size()), null));
        }
    }

    private ImageFeatures regionsOf(String imageId) {
        try {
            return images.find(imageId).orElseThrow(() -> new RejectedRequest(missing(imageId)));
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest("image id '" + imageId + "' cannot name a feature file: " + e.getMessage());
        } catch (IOException e) {
            throw new RejectedRequest("unreadable region features for image '" + imageId + "' in the features dir "
                    + images.dir() + ": " + e.getMessage());
        }
    }

    private String missing(String imageId) {
        return "no region features for image '" + imageId + "' in the features dir " + images.dir()
                + " (expected features/" + imageId + ".npy and boxes/" + imageId + ".npy there)";
    }

    private static final class RejectedRequest extends RuntimeException {
        RejectedRequest(String message) {
            super(message, null, false, false);
        }
    }
}
