package dev.rex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing, small: the embedded broker and database in their own JVMs plus one real service jar, up to
 * UP, then stopped with nothing left running and no temporary files. Needs the service built: the reactor's
 * {@code mvn install} packages every service before the cli, so {@code ./rex test} always runs it.
 */
class StackEndToEndTest {

    @TempDir
    Path state;

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void oneServiceComesUpAndEverythingStopsCleanly() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent(); // surefire runs in cli/
        // evaluation: its port 8085 is not Quarkus' default test port (8081), which service tests may hold
        StackService service = StackService.named("evaluation");
        assumeTrue(Files.isRegularFile(service.jar(root)), "skipped: " + service.jar(root)
                + " is not built (mvn install builds it before the cli)");
        assumeTrue(portFree(service.port()), "skipped: port " + service.port() + " is in use (a 'rex up' running?)");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Stack stack = new Stack(root, state, List.of(service), Duration.ofSeconds(180), out);
        Map<String, Long> pids;
        try {
            stack.start();
            assertEquals("UP", new StackHealth().status(service.healthUrl()), bytes.toString(StandardCharsets.UTF_8));
            pids = stack.pids();
            assertTrue(pids.keySet().containsAll(List.of("kafka", "postgres", "postgres-server", "evaluation")),
                    pids.toString());
            assertTrue(Files.readString(state.resolve("stack.pids")).contains("evaluation " + pids.get("evaluation")));
            assertTrue(stack.jdbcUrl(service).endsWith("/rex_evaluation") || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null);
        } finally {
            stack.close();
        }
        for (Map.Entry<String, Long> p : pids.entrySet()) {
            assertFalse(ProcessHandle.of(p.getValue()).map(ProcessHandle::isAlive).orElse(false),
                    p.getKey() + " (pid " + p.getValue() + ") still runs after close()");
        }
        assertFalse(Files.exists(stack.runDir().resolve("tmp")), "temporary files removed");
        assertFalse(Files.exists(state.resolve("stack.pids")), "pid file removed after a clean stop");
        assertTrue(Files.size(stack.runDir().resolve("evaluation.log")) > 0, "the service's log is kept");
        assertTrue(portFree(service.port()), "port released");
    }
}
