package dev.rex.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the stack's children die with their parent where the JVM alone cannot: a small process in its own session
 * that watches the {@code rex up}/{@code rex demo} JVM and, when that JVM is gone without having stopped the stack
 * (SIGKILL, a crash, an out-of-memory kill), stops every process recorded in {@code .rex/stack.pids} and removes the
 * run's temporary files ({@link StackPidFile#stopLeftovers}). A clean stop deletes the pid file, and the watchdog
 * then ends too. Linux's parent-death signal is out of reach of Java; this is its portable stand-in.
 */
final class StackWatchdog {

    private static final long POLL_MILLIS = 500;

    private StackWatchdog() {
    }

    /** Starts the watchdog of the current JVM's stack, logging to {@code log}; null if it could not start. */
    static StackProcess start(Path stateDir, Path log, Path workDir) {
        ProcessHandle self = ProcessHandle.current();
        long startMillis = self.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        List<String> cmd = new ArrayList<>(List.of(Stack.javaBinary(), "-Xmx32m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), StackWatchdog.class.getName(),
                String.valueOf(self.pid()), String.valueOf(startMillis), stateDir.toAbsolutePath().toString()));
        try {
            return StackProcess.start("watchdog", cmd, Map.of(), workDir, log);
        } catch (RuntimeException e) {
            System.err.println("rex up: no watchdog (" + e.getMessage() + "); if this JVM is killed with SIGKILL, the"
                    + " next 'rex up' stops what it left");
            return null;
        }
    }

    public static void main(String[] args) throws Exception {
        long ownerPid = Long.parseLong(args[0]);
        long ownerStart = Long.parseLong(args[1]);
        Path stateDir = Path.of(args[2]);
        Path pidFile = stateDir.resolve("stack.pids");
        // the owner's children as they appear: one killed while starting has children not yet in the pid file
        Map<Long, Long> seen = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        while (alive(ownerPid, ownerStart)) {
            if (!Files.exists(pidFile)) {
                return; // the owner stopped the stack itself
            }
            ProcessHandle.of(ownerPid).ifPresent(o -> o.children().filter(c -> c.pid() != self)
                    .forEach(c -> seen.putIfAbsent(c.pid(), startOf(c))));
            Thread.sleep(POLL_MILLIS);
        }
        // the owner is gone: if it stopped the stack, the pid file is gone too and there is nothing to do
        if (Files.exists(pidFile)) {
            int children = stop(seen);
            int stopped = new StackPidFile(stateDir).stopLeftovers(System.out);
            System.out.println("watchdog: the owner (pid " + ownerPid + ") died without stopping the stack; stopped "
                    + Math.max(children, stopped) + " process(es) and removed its temporary files");
        }
    }

    /** Stops the children seen that still run (same pid and start time), SIGTERM then SIGKILL after 20 s. */
    private static int stop(Map<Long, Long> seen) {
        List<ProcessHandle> left = new ArrayList<>();
        seen.forEach((pid, start) -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> startOf(h) == start).ifPresent(left::add));
        left.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : left) {
            try {
                h.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        return left.size();
    }

    private static long startOf(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    private static boolean alive(long pid, long startMillis) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        return h.isPresent() && (startMillis < 0
                || h.get().info().startInstant().map(Instant::toEpochMilli).orElse(startMillis) == startMillis);
    }
}
