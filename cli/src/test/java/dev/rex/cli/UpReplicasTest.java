package dev.rex.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rex up --replicas}: which processes, on which ports, and the errors that name the option and the fix. */
class UpReplicasTest {
    @Test
    void inferenceReplicasFollowTheServiceOnTheirOwnPortsAndLogs() {
        List<StackService> s = UpCommand.withReplicas(StackService.ALL, Map.of("inference", 3));
        assertEquals(List.of("preprocessing", "explanation", "training", "inference", "inference-2", "inference-3",
                "evaluation"), s.stream().map(StackService::processName).toList());
        assertEquals(List.of(8084, 8184, 8284), s.stream().filter(x -> x.name().equals("inference"))
                .map(StackService::port).toList());
        assertTrue(s.stream().filter(x -> x.name().equals("inference")).allMatch(x -> x.database().equals("rex_inference")
                && x.jar(java.nio.file.Path.of("/r")).equals(java.nio.file.Path.of(
                "/r/inference-service/target/quarkus-app/quarkus-run.jar"))), "one module, one database");
    }

    @Test
    void onlyInferenceScalesAndTheCountIsBounded() {
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> UpCommand.withReplicas(StackService.ALL, Map.of("training", 2)));
        assertTrue(other.getMessage().contains("--replicas inference=N"), other.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> UpCommand.withReplicas(StackService.ALL, Map.of("inference", 0)));
        assertTrue(zero.getMessage().contains("1 to 8"), zero.getMessage());
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> UpCommand.withReplicas(List.of(StackService.named("training")), Map.of("inference", 2)));
        assertTrue(absent.getMessage().contains("--services"), absent.getMessage());
    }
}
