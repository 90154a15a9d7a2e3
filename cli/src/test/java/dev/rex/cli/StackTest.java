package dev.rex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack's parts that need no services: process trees, log reading, health parsing, start checks. */
class StackTest {

    @TempDir
    Path tmp;

    @Test
    void stopEndsTheWholeProcessTree() throws Exception {
        // a parent that ignores SIGTERM and two children: stop() must still leave nothing behind
        StackProcess p = StackProcess.start("tree", List.of("/bin/sh", "-c",
                        "trap '' TERM; sleep 300 & sleep 300 & echo READY=yes; wait"),
                java.util.Map.of(), tmp, tmp.resolve("tree.log"));
        assertEquals("yes", p.awaitValue("READY", Duration.ofSeconds(10)));
        List<ProcessHandle> tree = ProcessHandle.of(p.pid()).orElseThrow().descendants().toList();
        assertEquals(2, tree.size(), "two sleeping children");
        p.stop(Duration.ofSeconds(1));
        assertFalse(p.isAlive());
        for (ProcessHandle h : tree) {
            h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(h.isAlive(), "child " + h.pid() + " stopped");
        }
    }

    @Test
    void aProcessThatDiesBeforeItsAddressFailsWithItsLog() {
        StackProcess p = StackProcess.start("broken", List.of("/bin/sh", "-c",
                "echo starting; echo 'boom: port taken' >&2; exit 3"), java.util.Map.of(), tmp, tmp.resolve("b.log"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> p.awaitValue("KAFKA_BOOTSTRAP_SERVERS", Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("broken exited (code 3)"), e.getMessage());
        assertTrue(e.getMessage().contains("boom: port taken"), e.getMessage());
    }

    @Test
    void tailShowsTheLastLines() throws Exception {
        Path log = tmp.resolve("t.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Files.writeString(log, sb);
        StackProcess p = StackProcess.start("t", List.of("/bin/true"), java.util.Map.of(), tmp, log);
        String tail = p.tail(3);
        assertTrue(tail.contains("line 98") && tail.contains("line 100") && !tail.contains("line 97"), tail);
    }

    @Test
    void healthStatusIsTheDocumentsOverallOne() {
        assertEquals("UP", StackHealth.overall("{\"status\": \"UP\", \"checks\": [{\"name\": \"db\", \"status\": \"UP\"}]}"));
        assertEquals("DOWN", StackHealth.overall(
                "{\n  \"status\": \"DOWN\",\n  \"checks\": [{\"name\": \"kafka\", \"status\": \"UP\"}]}"));
        assertEquals("unreadable", StackHealth.overall("<html>not found</html>"));
        assertEquals("unreachable", new StackHealth().status("http://localhost:1/q/health"));
    }

    @Test
    void servicesHaveFixedPortsAndNames() {
        assertEquals(List.of(8081, 8082, 8083, 8084, 8085), StackService.ALL.stream().map(StackService::port).toList());
        assertEquals(8084, StackService.named("inference-service").port());
        assertEquals("rex_training", StackService.named("training").database());
        assertEquals(Path.of("/r/evaluation-service/target/quarkus-app/quarkus-run.jar"),
                StackService.named("evaluation").jar(Path.of("/r")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackService.named("x"));
        assertTrue(e.getMessage().contains("preprocessing"), e.getMessage());
    }

    @Test
    void portsAndDatabasesAgreeWithEachServicesConfiguration() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent(); // surefire runs in cli/
        for (StackService s : StackService.ALL) {
            Path props = s.moduleDir(root).resolve("src/main/resources/application.properties");
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(props)) {
                p.load(in);
            }
            assertEquals(String.valueOf(s.port()), p.getProperty("quarkus.http.port"), props.toString());
            String url = p.getProperty("quarkus.datasource.jdbc.url", "");
            assertTrue(url.contains("/" + s.database()), props + ": default database should be " + s.database()
                    + ", is " + url);
        }
    }

    @Test
    void unbuiltServicesFailBeforeAnythingStarts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Stack stack = new Stack(tmp, StackService.ALL, Duration.ofSeconds(5),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, stack::start);
        assertTrue(e.getMessage().startsWith("not built: preprocessing-service/target/quarkus-app/quarkus-run.jar"),
                e.getMessage());
        assertTrue(e.getMessage().contains("./rex build"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve(".rex")), "no run directory for a stack that never started");
        assertTrue(stack.isClosed());
        stack.close(); // harmless
    }

    @Test
    void upRejectsBadOptionsWithExitTwo() {
        String before = System.getProperty("rex.home");
        System.setProperty("rex.home", tmp.toString());
        try {
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cl = RexCli.commandLine();
            cl.setErr(new java.io.PrintWriter(err));
            assertEquals(2, cl.execute("up", "--services", "nope"));
            assertTrue(err.toString().contains("unknown service 'nope'"), err.toString());
            assertEquals(2, cl.execute("up", "--services", "inference"));
            assertTrue(err.toString().contains("not built: inference-service"), err.toString());
        } finally {
            if (before == null) {
                System.clearProperty("rex.home");
            } else {
                System.setProperty("rex.home", before);
            }
        }
    }
}
