package dev.rex.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * No Docker runs here, so the compose file is checked against what the services actually read: every service
 * module has a compose service built from its Dockerfile.jvm, publishing its {@code quarkus.http.port}, health-checked
 * on it, and given exactly the environment variables its application.properties reads — with values that point at
 * the compose broker, database (created by the init script) and volumes.
 */
class ComposeFileTest {
    private static final List<String> SERVICES = List.of("preprocessing-service", "explanation-service",
            "training-service", "inference-service", "evaluation-service");
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    private static Path root;
    private static JsonNode compose;

    @BeforeAll
    static void load() throws IOException {
        root = repositoryRoot();
        compose = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
    }

    /** The directory holding docker-compose.yml and the service modules, found upwards from the test's directory. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker-compose.yml")) && Files.isDirectory(p.resolve("preprocessing-service"))) {
                return p;
            }
        }
        throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }

    private static Properties applicationProperties(String module) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(root.resolve(module).resolve("src/main/resources/application.properties"))) {
            p.load(r);
        }
        return p;
    }

    /** Environment variables the un-profiled properties read, with their defaults. */
    private static Map<String, String> envReferences(Properties props) {
        Map<String, String> refs = new LinkedHashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("%")) {
                continue;
            }
            Matcher m = ENV_REF.matcher(props.getProperty(key));
            while (m.find()) {
                refs.put(m.group(1), m.group(2));
            }
        }
        return refs;
    }

    /** Compose services built from {@code module}'s directory (the inference GPU variant shares the module). */
    private static List<Map.Entry<String, JsonNode>> composeServicesOf(String module) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = compose.get("services").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            JsonNode build = s.getValue().get("build");
            if (build != null && Path.of(build.path("context").asText()).normalize().equals(Path.of(module))) {
                found.add(s);
            }
        }
        return found;
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        service.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    @Test
    void everyServiceModuleIsBuiltFromItsDockerfileAndPublishesItsHttpPort() throws IOException {
        Set<Integer> ports = new TreeSet<>();
        for (String module : SERVICES) {
            List<Map.Entry<String, JsonNode>> services = composeServicesOf(module);
            assertFalse(services.isEmpty(), "docker-compose.yml has no service built from ./" + module);
            int port = Integer.parseInt(applicationProperties(module).getProperty("quarkus.http.port"));
            assertTrue(ports.add(port), module + " reuses port " + port);
            for (Map.Entry<String, JsonNode> s : services) {
                JsonNode build = s.getValue().get("build");
                String dockerfile = build.path("dockerfile").asText();
                assertEquals("src/main/docker/Dockerfile.jvm", dockerfile, s.getKey());
                String image = Files.readString(root.resolve(module).resolve(dockerfile));
                assertTrue(image.contains("EXPOSE " + port), module + "'s Dockerfile.jvm should EXPOSE " + port);
                assertTrue(image.contains("target/quarkus-app/"), module + "'s Dockerfile.jvm copies the Quarkus app");

                JsonNode mappings = s.getValue().path("ports");
                assertTrue(mappings.size() > 0, s.getKey() + " publishes no port");
                for (JsonNode mapping : mappings) {
                    String[] parts = mapping.asText().split(":");
                    assertEquals(String.valueOf(port), parts[parts.length - 1], s.getKey() + " container port of " + mapping);
                }
                String health = s.getValue().path("healthcheck").path("test").toString();
                assertTrue(health.contains("localhost:" + port + "/q/health"), s.getKey() + " health check: " + health);
                for (String dep : List.of("kafka", "postgres")) {
                    assertEquals("service_healthy", s.getValue().path("depends_on").path(dep).path("condition").asText(),
                            s.getKey() + " should wait for a healthy " + dep);
                }
            }
        }
    }

    @Test
    void environmentIsExactlyWhatTheApplicationPropertiesRead() throws IOException {
        for (String module : SERVICES) {
            Map<String, String> refs = envReferences(applicationProperties(module));
            assertTrue(refs.keySet().containsAll(List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL")),
                    module + " must take its broker and database from the environment: " + refs.keySet());
            for (Map.Entry<String, JsonNode> s : composeServicesOf(module)) {
                assertEquals(new TreeSet<>(refs.keySet()), new TreeSet<>(environment(s.getValue()).keySet()),
                        s.getKey() + ": compose environment vs. ${ENV} references of " + module + "/application.properties");
            }
        }
    }

    @Test
    void addressesPointAtTheComposeBrokerDatabaseAndVolumes() throws IOException {
        JsonNode services = compose.get("services");
        JsonNode kafka = services.get("kafka");
        assertTrue(kafka.path("image").asText().startsWith("apache/kafka:"), "Kafka image: " + kafka.path("image"));
        Map<String, String> kafkaEnv = environment(kafka);
        assertEquals("broker,controller", kafkaEnv.get("KAFKA_PROCESS_ROLES"), "KRaft combined mode");
        String advertised = kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS").replaceFirst("^[A-Z_]+://", "");

        JsonNode postgres = services.get("postgres");
        assertTrue(postgres.path("image").asText().startsWith("postgres:"));
        Map<String, String> pgEnv = environment(postgres);
        String initSql = initScript(postgres);

        Set<String> topVolumes = new TreeSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(topVolumes::add);

        for (String module : SERVICES) {
            Properties props = applicationProperties(module);
            Map<String, String> refs = envReferences(props);
            String defaultUrl = refs.get("QUARKUS_DATASOURCE_JDBC_URL");
            String database = database(defaultUrl);
            for (Map.Entry<String, JsonNode> s : composeServicesOf(module)) {
                Map<String, String> env = environment(s.getValue());
                assertEquals(advertised, env.get("KAFKA_BOOTSTRAP_SERVERS"), s.getKey() + " broker address");
                URI jdbc = URI.create(env.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
                assertEquals("postgres", jdbc.getHost(), s.getKey() + " database host");
                assertEquals(database, database(env.get("QUARKUS_DATASOURCE_JDBC_URL")),
                        s.getKey() + " uses the database its properties default to");
                assertTrue(initSql.contains("CREATE DATABASE " + database + " "), "init script creates " + database);
                assertEquals(pgEnv.get("POSTGRES_USER"), env.get("QUARKUS_DATASOURCE_USERNAME"), s.getKey());
                assertEquals(pgEnv.get("POSTGRES_PASSWORD"), env.get("QUARKUS_DATASOURCE_PASSWORD"), s.getKey());
                for (String dirVar : List.of("REX_MODELS_DIR", "REX_FEATURES_DIR")) {
                    if (env.containsKey(dirVar)) {
                        String dir = env.get(dirVar);
                        String volume = mountedVolume(s.getValue(), dir);
                        assertNotNull(volume, s.getKey() + ": " + dirVar + "=" + dir + " is not a mounted volume");
                        assertTrue(topVolumes.contains(volume), "volume " + volume + " is declared");
                    }
                }
            }
        }
        assertTrue(topVolumes.containsAll(List.of("models", "features")), "models and features volumes: " + topVolumes);
    }

    @Test
    void noSecretHasADefaultAndEveryServiceGetsTheApiKey() throws IOException {
        Pattern required = Pattern.compile("\\$\\{[A-Z_]+:\\?[^}]+}");
        JsonNode services = compose.get("services");
        String pgPassword = environment(services.get("postgres")).get("POSTGRES_PASSWORD");
        assertTrue(required.matcher(pgPassword).matches(), "POSTGRES_PASSWORD must be ${VAR:?message}: " + pgPassword);
        for (String module : SERVICES) {
            assertEquals("", envReferences(applicationProperties(module)).get("QUARKUS_DATASOURCE_PASSWORD"),
                    module + " must not default the database password");
            assertEquals("", envReferences(applicationProperties(module)).get("REX_API_KEY"),
                    module + " reads its API key from REX_API_KEY, with no default");
            for (Map.Entry<String, JsonNode> s : composeServicesOf(module)) {
                String key = environment(s.getValue()).get("REX_API_KEY");
                assertTrue(key != null && required.matcher(key).matches(), s.getKey() + " REX_API_KEY: " + key);
            }
        }
    }

    @Test
    void inferenceRunsReplicatedWithAnOptionalGpuReplica() {
        JsonNode services = compose.get("services");
        JsonNode inference = services.get("inference-service");
        assertTrue(inference.path("deploy").path("replicas").asInt() >= 2, "inference replicas");
        assertTrue(inference.path("profiles").isMissingNode(), "the CPU replicas start by default");

        JsonNode gpu = services.get("inference-service-gpu");
        assertNotNull(gpu, "GPU variant of inference-service");
        assertEquals("gpu", gpu.path("profiles").path(0).asText(), "the GPU replica is opt-in (profile gpu)");
        JsonNode device = gpu.path("deploy").path("resources").path("reservations").path("devices").path(0);
        assertEquals("gpu", device.path("capabilities").path(0).asText(), "GPU device reservation");
        assertEquals(inference.path("image").asText(), gpu.path("image").asText(), "same image as the CPU replicas");
    }

    private static String database(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    private static String initScript(JsonNode postgres) throws IOException {
        for (JsonNode v : postgres.path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts[1].startsWith("/docker-entrypoint-initdb.d/")) {
                return Files.readString(root.resolve(parts[0]).normalize());
            }
        }
        fail("postgres has no /docker-entrypoint-initdb.d script creating the service databases");
        return null;
    }

    /** The named volume mounted at {@code dir}, or null. */
    private static String mountedVolume(JsonNode service, String dir) {
        for (JsonNode v : service.path("volumes")) {
            String[] parts = v.asText().split(":");
            if (parts.length >= 2 && parts[1].equals(dir)) {
                return parts[0];
            }
        }
        return null;
    }
}
