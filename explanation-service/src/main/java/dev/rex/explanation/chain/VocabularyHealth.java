package dev.rex.explanation.chain;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code gqa-rex-vocabularies}: which corpus vocabularies the chain runs with. Without a dataset
 * build the service still explains (streaming corpus), so the check stays UP and says {@code degraded} with the
 * reason in its data; a configured build that cannot be read is DOWN (a misconfiguration an operator must fix;
 * questions are meanwhile explained on the streaming corpus).
 */
@Readiness
@ApplicationScoped
public class VocabularyHealth implements HealthCheck {
    private final Explainer explainer;

    public VocabularyHealth(Explainer explainer) {
        this.explainer = explainer;
    }

    @Override
    public HealthCheckResponse call() {
        Explainer.Mode mode = explainer.mode();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("gqa-rex-vocabularies")
                .withData("vocabularies", mode.description())
                .withData("degraded", !mode.fromBuild());
        if (mode.problem() != null) b.withData("problem", mode.problem());
        return b.status(mode.problem() == null).build();
    }
}
