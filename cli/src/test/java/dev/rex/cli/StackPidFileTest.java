package dev.rex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPidFileTest {

    @TempDir
    Path rexDir;

    private Process sleeper;

    @AfterEach
    void killSleeper() {
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    private static long start(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
    }

    private static String run(StackPidFile f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = f.stopLeftovers(new PrintStream(out, true, StandardCharsets.UTF_8));
        return n + ":" + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void processesOfADeadOwnerAreStopped() throws Exception {
        Process owner = new ProcessBuilder("/bin/true").start();
        owner.waitFor();
        sleeper = new ProcessBuilder("sleep", "300").start();
        Path tmp = Files.createDirectories(rexDir.resolve("run-x/tmp/vertx-cache"));
        Files.write(rexDir.resolve("stack.pids"), List.of(
                "owner " + owner.pid() + " 1",
                "tmpdir " + tmp.getParent(),
                "inference " + sleeper.pid() + " " + start(sleeper.toHandle())));
        String result = run(new StackPidFile(rexDir));
        assertTrue(result.startsWith("1:rex up: stopping 1 process(es) left"), result);
        assertTrue(sleeper.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        assertFalse(Files.exists(rexDir.resolve("stack.pids")));
        assertFalse(Files.exists(rexDir.resolve("run-x/tmp")), "the dead run's temporary directory is removed");
        assertTrue(Files.exists(rexDir.resolve("run-x")), "its logs stay");
    }

    @Test
    void aLiveOwnerOrAReusedPidIsNeverTouched() throws Exception {
        sleeper = new ProcessBuilder("sleep", "300").start();
        StackPidFile live = new StackPidFile(rexDir);
        live.write(Map.of("inference", sleeper.pid()), rexDir.resolve("tmp")); // owner: this JVM, alive
        assertEquals("0:", run(live));
        assertTrue(sleeper.isAlive());

        Process owner = new ProcessBuilder("/bin/true").start();
        owner.waitFor();
        Files.write(rexDir.resolve("stack.pids"), List.of(
                "owner " + owner.pid() + " 1",
                "inference " + sleeper.pid() + " " + (start(sleeper.toHandle()) - 60_000))); // same pid, other start
        assertEquals("0:", run(new StackPidFile(rexDir)));
        assertTrue(sleeper.isAlive(), "a pid whose start time differs belongs to someone else");
    }
}
