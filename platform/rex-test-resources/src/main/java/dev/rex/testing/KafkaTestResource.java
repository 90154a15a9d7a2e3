package dev.rex.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker: embedded in the test JVM, a Testcontainers broker where a
 * Docker engine answers, or the external one named by {@code KAFKA_BOOTSTRAP_SERVERS}
 * ({@link dev.rex.embedded.InfraMode} decides). One broker per test JVM, shared by all test classes. Also sets the
 * service's API key ({@code rex.api.key}) to this JVM's {@link TestApiKey}.
 *
 * <pre>{@code @QuarkusTestResource(KafkaTestResource.class)}</pre>
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedInfra.kafkaBootstrapServers(), "rex.api.key", TestApiKey.key());
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM: stopped by a shutdown hook when the JVM exits
    }
}
