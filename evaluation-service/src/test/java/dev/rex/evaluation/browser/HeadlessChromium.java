package dev.rex.evaluation.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol (a WebSocket from the JDK: no driver, no
 * extra dependency): navigate, evaluate JavaScript, take a screenshot, and collect every console error, uncaught
 * exception and failed resource the page logs. The binary is {@code REX_CHROMIUM} or {@code /usr/bin/chromium}
 * ({@code apt-get install chromium}; {@code .ci/run} installs it when missing).
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /** Starts the browser with one blank page and attaches to it. */
    public static HeadlessChromium start(Duration timeout) throws Exception {
        Path binary = Path.of(System.getenv().getOrDefault("REX_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no chromium at " + binary + ": install it (apt-get install -y chromium) "
                    + "or point REX_CHROMIUM at one");
        }
        Path profile = Files.createTempDirectory("rex-chromium");
        Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                "--window-size=1400,2000", "about:blank").redirectErrorStream(true).start();
        try {
            String browserWs = devToolsAddress(process, timeout);
            URI browser = URI.create(browserWs);
            String pageWs = pageSocket(browser, timeout);
            HeadlessChromium attached = new HeadlessChromium(process, profile);
            attached.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(URI.create(pageWs), attached.listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            attached.call("Runtime.enable", JSON.createObjectNode());
            attached.call("Log.enable", JSON.createObjectNode());
            attached.call("Page.enable", JSON.createObjectNode());
            return attached;
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String message = text.toString();
                    text.setLength(0);
                    onMessage(message);
                }
                ws.request(1);
                return null;
            }
        };
    }

    private void onMessage(String message) {
        JsonNode m;
        try {
            m = JSON.readTree(message);
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + message);
            return;
        }
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
                if (m.has("error")) {
                    f.completeExceptionally(new IllegalStateException("DevTools error: " + m.get("error")));
                } else {
                    f.complete(m.get("result"));
                }
            }
            return;
        }
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    errors.add("console." + type + ": " + p.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("uncaught: " + p.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if (p.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + p.path("entry").path("text").asText() + " " + p.path("entry").path("url").asText());
                }
            }
            default -> {
            }
        }
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(id, result);
        ObjectNode m = JSON.createObjectNode().put("id", id).put("method", method);
        m.set("params", params);
        socket.sendText(JSON.writeValueAsString(m), true).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return result.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void navigate(String url) throws Exception {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** The value of a JavaScript expression (awaited when it is a promise). */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + expression + ": " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Waits until the expression is true (polled), or fails naming it. */
    public void await(String what, String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!evaluate(expression).asBoolean(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what + " (" + expression + ")");
            }
            Thread.sleep(200);
        }
    }

    /** A PNG of the whole page. */
    public void screenshot(Path file) throws Exception {
        JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png")
                .put("captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    /** Console errors, uncaught exceptions and failed loads so far. */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteQuietly(profile);
    }

    private static String devToolsAddress(Process process, Duration timeout) throws Exception {
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1));
                    } else if (!found.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            found.completeExceptionally(new IllegalStateException("chromium ended without a DevTools address:\n" + seen));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The page target's WebSocket (the browser opened one blank page). */
    private static String pageSocket(URI browser, Duration timeout) throws Exception {
        URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(list).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : JSON.readTree(r.body())) {
                if (t.path("type").asText().equals("page")) {
                    return t.get("webSocketDebuggerUrl").asText();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("chromium opened no page: " + r.body());
            }
            Thread.sleep(100);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
