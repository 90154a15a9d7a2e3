package dev.rex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code rex up} as its own process, stopped the ways a user's session ends: SIGHUP (the terminal closed) must stop
 * every child and remove the run's temporary files like Ctrl-C does (one small stack: Kafka, PostgreSQL, the
 * evaluation service, in a scratch repository that links the real service module, so the repository's own
 * {@code .rex/} is not touched); after SIGKILL (no hook can run) the stack's watchdog stops what was recorded.
 */
class StackSignalsTest {

    @TempDir
    Path home;

    private Path prepareHome() throws IOException {
        Path repo = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent(); // surefire runs in cli/
        StackService evaluation = StackService.named("evaluation");
        assumeTrue(Files.isRegularFile(evaluation.jar(repo)), "skipped: " + evaluation.jar(repo)
                + " is not built (mvn install builds it before the cli)");
        assumeTrue(portFree(evaluation.port()), "skipped: port " + evaluation.port() + " is in use (a 'rex up'?)");
        Files.createSymbolicLink(home.resolve("evaluation-service"), evaluation.moduleDir(repo));
        return home;
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void sighupStopsEveryChildAndRemovesTheRunsTemporaryFiles() throws Exception {
        prepareHome();
        Process up = startUp();
        List<ProcessHandle> children = awaitRunning(up);
        new ProcessBuilder("kill", "-HUP", String.valueOf(up.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertTrue(up.waitFor(90, TimeUnit.SECONDS), "rex up did not exit within 90 s of SIGHUP");
        String out = Files.readString(home.resolve("up.out"));
        assertTrue(out.contains("rex up: stopped evaluation, kafka, postgres"), "says what it stopped:\n" + out);
        assertNothingLeft(children, out);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void whenItsOwnerIsKilledTheWatchdogStopsEveryRecordedChild() throws Exception {
        // SIGKILL leaves no hook a chance: the watchdog, a process of its own, is what stops the children then
        Process owner = new ProcessBuilder("sleep", "300").start();
        Process child = new ProcessBuilder("sleep", "300").start();
        Path state = Files.createDirectories(home.resolve(".rex"));
        Path tmpDir = Files.createDirectories(home.resolve(".rex/run-x/tmp"));
        Files.writeString(tmpDir.resolve("data"), "x".repeat(1000));
        Files.write(state.resolve("stack.pids"), List.of(line("owner", owner), "tmpdir " + tmpDir,
                line("kafka", child)));
        Process watchdog = new ProcessBuilder(Stack.javaBinary(), "-cp", System.getProperty("java.class.path"),
                StackWatchdog.class.getName(), String.valueOf(owner.pid()), String.valueOf(start(owner)),
                state.toString()).redirectErrorStream(true).redirectOutput(home.resolve("watchdog.log").toFile())
                .start();
        Thread.sleep(1500); // the watchdog watches a live owner and touches nothing
        assertTrue(child.isAlive() && watchdog.isAlive() && Files.exists(tmpDir));
        owner.destroyForcibly();
        assertTrue(watchdog.waitFor(40, TimeUnit.SECONDS), "the watchdog did not finish after its owner died");
        assertFalse(child.isAlive(), Files.readString(home.resolve("watchdog.log")));
        assertFalse(Files.exists(tmpDir), "temporary files removed");
        assertFalse(Files.exists(state.resolve("stack.pids")), "pid file removed");
        assertTrue(Files.readString(home.resolve("watchdog.log")).contains("stopped 1 process(es)"),
                Files.readString(home.resolve("watchdog.log")));
    }

    private static long start(Process p) {
        return p.toHandle().info().startInstant().orElseThrow().toEpochMilli();
    }

    private static String line(String name, Process p) {
        return name + " " + p.pid() + " " + start(p);
    }

    private Process startUp() throws IOException {
        ProcessBuilder pb = CliProcessTest.cli(home.resolve("up.out"), home.resolve("up.err"),
                List.of("-Drex.home=" + home), "up", "--services", "evaluation", "--timeout", "180");
        return pb.start();
    }

    /** Waits for "running", then returns every process the stack recorded (services, servers, PostgreSQL). */
    private List<ProcessHandle> awaitRunning(Process up) throws Exception {
        Path out = home.resolve("up.out");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
        while (!(Files.exists(out) && Files.readString(out).contains("rex up: running"))) {
            if (!up.isAlive() || System.nanoTime() > deadline) {
                up.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("rex up did not report running:\n" + Files.readString(out) + "\n"
                        + Files.readString(home.resolve("up.err")));
            }
            Thread.sleep(250);
        }
        // lines: "owner PID START", "tmpdir PATH", then "NAME PID START" per process
        List<String> lines = Files.readAllLines(home.resolve(".rex/stack.pids")).stream().skip(2).toList();
        List<ProcessHandle> recorded = new ArrayList<>();
        lines.forEach(l -> ProcessHandle.of(Long.parseLong(l.split(" ")[1])).ifPresent(recorded::add));
        List<String> names = lines.stream().map(l -> l.split(" ")[0]).toList();
        assertTrue(names.containsAll(List.of("kafka", "postgres", "postgres-server", "evaluation")), names.toString());
        assertTrue(recorded.stream().allMatch(ProcessHandle::isAlive), recorded.toString());
        return recorded;
    }

    private void assertNothingLeft(List<ProcessHandle> children, String out) throws IOException {
        for (ProcessHandle h : children) {
            assertFalse(h.isAlive(), "pid " + h.pid() + " still runs:\n" + out);
        }
        try (Stream<Path> runs = Files.list(home.resolve(".rex"))) {
            for (Path run : runs.filter(p -> p.getFileName().toString().startsWith("run-")).toList()) {
                assertFalse(Files.exists(run.resolve("tmp")), "temporary files left in " + run);
            }
        }
        assertFalse(Files.exists(home.resolve(".rex/stack.pids")), "pid file left");
        // (the port itself is not checked: on a shared machine another stack may take 8085 the moment it is free)
        assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).toList(), "no child of the test left");
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
