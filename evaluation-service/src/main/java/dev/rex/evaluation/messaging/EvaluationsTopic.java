package dev.rex.evaluation.messaging;

import dev.rex.events.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code rex.evaluations} is compacted ({@code cleanup.policy=compact}): each record is the latest state of its
 * (model version, split), keyed {@code <version>|<split>}, so a dashboard that reads the topic from the start gets
 * every pair's last state without the history of PENDING counts before it (ARCHITECTURE §5). This service owns the
 * topic, so it sets the policy at start-up wherever it runs: it creates the topic compacted, or switches an existing
 * one (created by the broker on first use, or by an older version of this service) to compaction.
 */
@ApplicationScoped
public class EvaluationsTopic {
    private static final Logger LOG = Logger.getLogger(EvaluationsTopic.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final String bootstrap;

    public EvaluationsTopic(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.bootstrap = bootstrap;
    }

    void onStart(@Observes StartupEvent ignored) {
        try {
            ensureCompacted();
        } catch (ExecutionException | TimeoutException e) {
            // the states still flow; only the broker's retention of old ones differs, and the log says how to fix it
            LOG.warnf("%s could not be set to cleanup.policy=compact (%s): it keeps the broker's default policy; set it "
                    + "with kafka-configs --alter --entity-type topics --entity-name %s --add-config "
                    + "cleanup.policy=compact", Topics.EVALUATIONS, e.getMessage(), Topics.EVALUATIONS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates the topic compacted, or sets compaction on the existing topic. */
    void ensureCompacted() throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, String> compact = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)))) {
            try {
                admin.createTopics(List.of(new NewTopic(Topics.EVALUATIONS, Optional.empty(), Optional.empty())
                        .configs(compact))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.infof("%s created with cleanup.policy=compact", Topics.EVALUATIONS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.EVALUATIONS);
                admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry(
                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                        AlterConfigOp.OpType.SET)))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.infof("%s exists: cleanup.policy set to compact", Topics.EVALUATIONS);
            }
        }
    }
}
