package dev.rex.inference.messaging;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;
import java.util.Map;

/** Ready while every request worker runs (each lists its partitions; one that stopped says why). */
@Readiness
@Singleton
public class RequestWorkersHealth implements HealthCheck {
    private final RequestWorkers workers;

    public RequestWorkersHealth(RequestWorkers workers) {
        this.workers = workers;
    }

    @Override
    public HealthCheckResponse call() {
        List<Map<String, Object>> status = workers.status();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("inference request workers");
        boolean up = !status.isEmpty() && status.stream().allMatch(s -> Boolean.TRUE.equals(s.get("running")));
        for (Map<String, Object> s : status) {
            b.withData((String) s.get("worker"), s.toString());
        }
        return b.status(up).build();
    }
}
