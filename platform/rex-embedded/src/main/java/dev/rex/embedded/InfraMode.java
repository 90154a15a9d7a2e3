package dev.rex.embedded;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * Where Kafka and PostgreSQL come from — the one place that decides it, for the tests and for {@code rex up}:
 * <ol>
 *   <li>{@link #EXTERNAL} when an address is given: {@code KAFKA_BOOTSTRAP_SERVERS} (or the system property
 *       {@code kafka.bootstrap.servers}) for Kafka, {@code QUARKUS_DATASOURCE_JDBC_URL} (or
 *       {@code quarkus.datasource.jdbc.url}) for PostgreSQL;</li>
 *   <li>{@link #TESTCONTAINERS} when the caller can use containers (the Quarkus test resources) and a Docker
 *       engine answers a ping ({@link DockerProbe});</li>
 *   <li>{@link #EMBEDDED} otherwise: the servers of this module, from Maven artifacts.</li>
 * </ol>
 * {@code REX_INFRA} (or {@code -Drex.infra}) = {@code embedded} | {@code testcontainers} | {@code external}
 * forces a mode, e.g. the embedded path on a machine that has Docker.
 */
public enum InfraMode {
    EXTERNAL, TESTCONTAINERS, EMBEDDED;

    /** The two servers, with the variables that name an external one. */
    public enum Server {
        KAFKA("KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrap.servers"),
        POSTGRES("QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url");

        public final String envVar;
        public final String property;

        Server(String envVar, String property) {
            this.envVar = envVar;
            this.property = property;
        }
    }

    /** A decision with its reason, to be printed: users must see which path ran and why. */
    public record Choice(Server server, InfraMode mode, String externalAddress, String reason) {
        @Override
        public String toString() {
            return server.name().toLowerCase(Locale.ROOT) + ": " + mode.name().toLowerCase(Locale.ROOT)
                    + " (" + reason + ")";
        }
    }

    public static final String FORCE_ENV = "REX_INFRA";
    public static final String FORCE_PROPERTY = "rex.infra";

    /** The decision for tests (containers allowed) from this process's environment and system properties. */
    public static Choice forTests(Server server) {
        return decide(server, System.getenv(), System.getProperties(), true,
                () -> DockerProbe.answers(System.getenv()));
    }

    /** The decision for the local stack ({@code rex up}): external or embedded, never containers. */
    public static Choice forStack(Server server) {
        return decide(server, System.getenv(), System.getProperties(), false, () -> false);
    }

    /**
     * The rule itself, over an injected environment, system properties and Docker probe (so it is testable).
     * The probe is called only when the answer depends on it.
     */
    public static Choice decide(Server server, Map<String, String> env, Properties props,
                                boolean containersAllowed, BooleanSupplier dockerAnswers) {
        String forced = firstNonBlank(props.getProperty(FORCE_PROPERTY), env.get(FORCE_ENV));
        String external = firstNonBlank(props.getProperty(server.property), env.get(server.envVar));
        if (forced != null) {
            InfraMode mode;
            try {
                mode = InfraMode.valueOf(forced.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(FORCE_ENV + "='" + forced
                        + "' is not a mode: use embedded, testcontainers or external");
            }
            if (mode == EXTERNAL && external == null) {
                throw new IllegalArgumentException(FORCE_ENV + "=external but no address for " + server
                        + ": set " + server.envVar);
            }
            if (mode == TESTCONTAINERS && !containersAllowed) {
                throw new IllegalArgumentException(FORCE_ENV + "=testcontainers applies to the tests only;"
                        + " the local stack runs embedded or external servers");
            }
            return new Choice(server, mode, mode == EXTERNAL ? external : null, "forced by " + FORCE_ENV);
        }
        if (external != null) {
            return new Choice(server, EXTERNAL, external, "address given by " + server.envVar);
        }
        if (containersAllowed && dockerAnswers.getAsBoolean()) {
            return new Choice(server, TESTCONTAINERS, null, "a Docker engine answers");
        }
        return new Choice(server, EMBEDDED, null,
                containersAllowed ? "no Docker engine answers" : "no external address given");
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        if (b != null && !b.isBlank()) {
            return b.trim();
        }
        return null;
    }
}
