package dev.rex.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's SmallRye Health answer ({@code GET /q/health}). */
final class StackHealth {

    /** The first "status" of the document is the overall one: the checks' own statuses come after it. */
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** "UP", "DOWN", or "unreachable" when nothing answers (yet). */
    String status(String healthUrl) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(healthUrl))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return overall(r.body());
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unreachable";
        }
    }

    static String overall(String body) {
        Matcher m = STATUS.matcher(body == null ? "" : body);
        return m.find() ? m.group(1) : "unreadable";
    }
}
