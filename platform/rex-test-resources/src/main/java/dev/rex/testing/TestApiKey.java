package dev.rex.testing;

import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API key of the services under test: one random key per test JVM, handed to every {@code @QuarkusTest}
 * service as {@code rex.api.key} by {@link KafkaTestResource} and {@link PostgresTestResource}. Tests that write
 * (POST, PUT, PATCH, DELETE) send it with {@link #authorize}.
 * <p>
 * Kept in a system property like {@link SharedInfra}'s servers, so that the class loaders of Quarkus and of the
 * test code see the same key.
 */
public final class TestApiKey {
    public static final String PROPERTY = "rex.test.api.key";

    private TestApiKey() {
    }

    /** This JVM's key (generated on first use). */
    public static synchronized String key() {
        String key = System.getProperty(PROPERTY);
        if (key == null) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            System.setProperty(PROPERTY, key);
        }
        return key;
    }

    /** {@code Bearer <key>}: the value of the {@code Authorization} header. */
    public static String bearer() {
        return "Bearer " + key();
    }

    /** Adds {@code Authorization: Bearer <key>} to a request. */
    public static HttpRequest.Builder authorize(HttpRequest.Builder request) {
        return request.header("Authorization", bearer());
    }
}
