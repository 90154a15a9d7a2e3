package dev.rex.cli;

import dev.rex.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The topics of the GQA-REX stream are created before any service starts, with {@link #PARTITIONS} partitions each:
 * a consumer group shares a topic's partitions, so this is how many replicas of the preprocessing or explanation
 * service can work at once ({@code rex.explanations}, keyed by qid, so that readers can subscribe before the first
 * explanation is written). Records are keyed by image id, so an image's questions stay in one partition and keep their order
 * whatever the replica count. Other topics are created by the broker on first use (one partition, or the broker's
 * {@code num.partitions}), except {@code rex.evaluations}, which the evaluation service creates compacted (its
 * {@code EvaluationsTopic}: the service owns its output's policy, wherever it runs). A topic that exists is left as it is: adding partitions later would move images between
 * partitions and break their order.
 */
final class StackTopics {
    /** Up to 4 replicas (more do not help on a few cores); 4 divides evenly among 1, 2 or 4 of them. */
    static final int PARTITIONS = 4;
    static final List<String> PER_IMAGE = List.of(Topics.QUESTIONS, Topics.PROGRAMS, Topics.EXPLANATIONS);

    private StackTopics() {
    }

    /** Creates the per-image topics that do not exist yet; returns those it created. */
    static List<String> ensure(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> missing = PER_IMAGE.stream().filter(t -> !existing.contains(t)).toList();
            for (String topic : missing) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
            return missing;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topics " + PER_IMAGE, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics " + PER_IMAGE + " on " + bootstrapServers + ": "
                    + e.getMessage(), e);
        }
    }
}
