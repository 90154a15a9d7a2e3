package dev.rex.service.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.testing.TestApiKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The REST boundary every service is held to, checked against the running service: each write operation its
 * OpenAPI document lists refuses a request without the API key (401, problem+json), and bad inputs get a 4xx
 * problem+json, never a 500, never quoting a file outside the data roots, with a good request still answered
 * after each one. Prints a table input → outcome.
 */
public final class RestBoundary {
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: what curl and the CLI speak; an h2c upgrade carrying a 16 MB body is refused with GOAWAY instead
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");
    /** A line of /etc/passwd and of the secret file: what no answer may contain. */
    private static final String PASSWD_LINE = "root:x:0:0";

    private RestBoundary() {
    }

    /** One bad request: a name for the table, and what to send. */
    public record Probe(String name, String method, String path, String contentType, byte[] body, boolean withKey) {
        public static Probe json(String name, String method, String path, String body) {
            return new Probe(name, method, path, "application/json", body.getBytes(StandardCharsets.UTF_8), true);
        }

        public static Probe get(String name, String path) {
            return new Probe(name, "GET", path, null, null, true);
        }
    }

    /** A request that must still be answered with {@code status} after every bad one. */
    public record Good(String method, String path, String body, int status) {
    }

    /**
     * A file outside every data root, with a unique first line; no answer may quote it. The test roots include the
     * temporary folder, so a checkout that lives under it (a CI clone in /tmp) keeps the file in the user's cache.
     */
    public static Path secretFile() {
        Path f = Path.of("target", "rest-boundary-secret.txt").toAbsolutePath();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (f.normalize().startsWith(tmp)) {
            f = Path.of(System.getProperty("user.home"), ".cache", "rex-tests", "rest-boundary-secret.txt").toAbsolutePath();
        }
        try {
            if (!Files.exists(f)) {
                Files.createDirectories(f.getParent());
                Files.writeString(f, secretLine() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private static String secretLine() {
        return "REX-SECRET-" + Long.toHexString(UUID.nameUUIDFromBytes(Path.of("").toAbsolutePath().toString()
                .getBytes(StandardCharsets.UTF_8)).getMostSignificantBits());
    }

    /** "POST /api/x" for every write operation of the service's OpenAPI document (path templates kept). */
    public static Set<String> writeOperations(URI base) {
        HttpResponse<String> r = send(base, "GET", "q/openapi?format=json", null, null, false, Map.of());
        assertEquals(200, r.statusCode(), "OpenAPI document: " + r.body());
        Set<String> ops = new TreeSet<>();
        try {
            JsonNode paths = JSON.readTree(r.body()).path("paths");
            assertTrue(paths.size() > 0, "the OpenAPI document lists no path: " + r.body());
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                p.getValue().fieldNames().forEachRemaining(m -> {
                    if (WRITES.contains(m)) ops.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ops;
    }

    /**
     * Every write the OpenAPI document lists is exactly {@code expected}, and each answers 401 problem+json without
     * a key and with a wrong one.
     */
    public static void everyWriteNeedsTheKey(URI base, Set<String> expected) {
        Set<String> ops = writeOperations(base);
        assertEquals(new TreeSet<>(expected), ops, "write operations of the OpenAPI document");
        System.out.println("[rest-boundary] " + base + ": write operations without / with a wrong API key");
        for (String op : ops) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "probe").replaceFirst("^/", "");
            HttpResponse<String> none = send(base, method, path, "application/json", "{}".getBytes(), false, Map.of());
            HttpResponse<String> wrong = send(base, method, path, "application/json", "{}".getBytes(), false,
                    Map.of("Authorization", "Bearer not-the-key-" + UUID.randomUUID()));
            System.out.printf(Locale.ROOT, "[rest-boundary]   %-45s no key -> %d, wrong key -> %d%n", op,
                    none.statusCode(), wrong.statusCode());
            for (HttpResponse<String> r : List.of(none, wrong)) {
                assertEquals(401, r.statusCode(), op + ": " + r.body());
                assertProblem(op, r);
                assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), op);
            }
        }
    }

    /**
     * Sends each probe, then {@code good}; prints the table; asserts each probe got a 4xx problem+json quoting no
     * file outside the roots, and that {@code good} kept working. Returns the number of probes sent.
     */
    public static int badInputs(URI base, List<Probe> probes, Good good) {
        String secret = secretLine();
        secretFile();
        List<String> failures = new ArrayList<>();
        System.out.println("[rest-boundary] " + base + ": bad input -> outcome (then a good request)");
        for (Probe p : probes) {
            HttpResponse<String> r = send(base, p.method(), p.path(), p.contentType(), p.body(), p.withKey(), Map.of());
            HttpResponse<String> after = send(base, good.method(), good.path(), "application/json",
                    good.body() == null ? null : good.body().getBytes(StandardCharsets.UTF_8), true, Map.of());
            String type = r.headers().firstValue("Content-Type").orElse("-");
            String detail = detailOf(r.body());
            System.out.printf(Locale.ROOT, "[rest-boundary]   %-44s -> %d %s | %s | good after: %d%n", p.name(),
                    r.statusCode(), type.replace("application/", ""), detail, after.statusCode());
            if (r.statusCode() < 400 || r.statusCode() >= 500) failures.add(p.name() + ": status " + r.statusCode());
            if (!type.startsWith("application/problem+json")) failures.add(p.name() + ": content type " + type);
            if (r.body().contains(secret) || r.body().contains(PASSWD_LINE)) {
                failures.add(p.name() + ": the answer quotes a file outside the data roots");
            }
            if (after.statusCode() != good.status()) {
                failures.add(p.name() + ": the good request after it got " + after.statusCode() + " " + after.body());
            }
        }
        if (!failures.isEmpty()) fail(failures.size() + " bad inputs were not refused properly:\n  "
                + String.join("\n  ", failures));
        return probes.size();
    }

    /**
     * Bad inputs every service must refuse: for each write operation of its OpenAPI document, a truncated body,
     * 100,000 nested brackets, a non-JSON body, a huge string, a NUL in the query; plus NUL and control characters in
     * paths, an unknown route, a wrong method and a write with a wrong key.
     */
    public static List<Probe> commonProbes(URI base) {
        List<Probe> probes = new ArrayList<>();
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String huge = "{\"x\":\"" + "a".repeat(1_100_000) + "\"}";
        Set<String> writes = writeOperations(base);
        // once per service: the limit is the HTTP server's; on a write route if there is one, else on an unknown one
        String sized = writes.stream().filter(op -> !op.startsWith("DELETE")).findFirst().orElse("POST /api/x");
        probes.add(new Probe(sized + " body over the 16 MB limit", sized.substring(0, sized.indexOf(' ')),
                sized.substring(sized.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "probe").replaceFirst("^/", ""),
                "application/json", overSizeBody(), true));
        for (String op : writes) {
            String method = op.substring(0, op.indexOf(' '));
            if ("DELETE".equals(method)) continue;
            String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "probe").replaceFirst("^/", "");
            probes.add(Probe.json(op + " truncated JSON", method, path, "{\"questions\": \"x"));
            probes.add(Probe.json(op + " 100,000 nested [", method, path, deep));
            probes.add(Probe.json(op + " 100,000 nested {", method, path, "{\"a\":".repeat(100_000) + "1"
                    + "}".repeat(100_000)));
            probes.add(Probe.json(op + " not JSON", method, path, "hello, service"));
            probes.add(Probe.json(op + " 1 MB string", method, path, huge));
            probes.add(Probe.json(op + " NUL in query", method, path + "?split=a%00b", "{}"));
        }
        probes.add(Probe.get("GET NUL in path", "api/x%00y"));
        probes.add(Probe.get("GET control char in query", "api/x?q=%0d%0aSet-Cookie:%20a=b"));
        probes.add(Probe.get("GET unknown API route", "api/no-such-route-" + UUID.randomUUID()));
        probes.add(new Probe("DELETE unknown route, no key", "DELETE", "api/no-such-route", null, null, false));
        probes.add(new Probe("POST unknown route, wrong key", "POST", "api/x", "application/json", "{}".getBytes(),
                false));
        return probes;
    }

    /** A well-formed JSON body one byte over {@code quarkus.http.limits.max-body-size} (16M). */
    private static byte[] overSizeBody() {
        byte[] body = new byte[16 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        return body;
    }

    private static String detailOf(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            String d = n.path("detail").asText("");
            return d.length() > 70 ? d.substring(0, 70) + "…" : d;
        } catch (IOException | RuntimeException e) {
            return "(not JSON: " + body.length() + " chars)";
        }
    }

    private static void assertProblem(String what, HttpResponse<String> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/problem+json"), what + ": content type " + type);
        try {
            JsonNode n = JSON.readTree(r.body());
            assertEquals(r.statusCode(), n.path("status").asInt(), what + ": " + r.body());
            assertFalse(n.path("detail").asText().isBlank(), what + " has no detail: " + r.body());
        } catch (IOException e) {
            fail(what + ": not JSON: " + r.body());
        }
    }

    static HttpResponse<String> send(URI base, String method, String path, String contentType, byte[] body,
                                     boolean withKey, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceFirst("/?$", "/") + path))
                .timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (withKey) TestApiKey.authorize(b);
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
