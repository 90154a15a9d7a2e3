package dev.rex.cli;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the stack, its output (stdout and stderr) in one log file, stopped with its whole process
 * tree. Children run in their own session ({@code setsid}) where available, so a Ctrl-C on the terminal reaches
 * only {@code rex up}, which then stops them in order (services before the broker they talk to).
 */
final class StackProcess {

    private static final boolean SETSID = new File("/usr/bin/setsid").canExecute();

    private final String name;
    private final Process process;
    private final Path log;
    /** Where this process's output starts in the log: a restarted child appends to its predecessor's. */
    private final long logStart;

    private StackProcess(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    static StackProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
        List<String> cmd = new ArrayList<>();
        if (SETSID) {
            cmd.add("/usr/bin/setsid"); // execs in place (we are no group leader): the pid stays the child's
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        try {
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            return new StackProcess(name, pb.start(), log, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + String.join(" ", command) + ")", e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /**
     * Waits for a line {@code KEY=value} in the log (the embedded servers print their addresses so) and returns
     * the value. Fails early, with the log's tail, when the process exits first.
     */
    String awaitValue(String key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String prefix = key + "=";
        while (true) {
            Optional<String> line = lines().stream().filter(l -> l.startsWith(prefix)).findFirst();
            if (line.isPresent()) {
                return line.get().substring(prefix.length()).trim();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (code " + process.exitValue() + ") before it printed "
                        + key + "; last lines of " + log + ":\n" + tail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not print " + key + " within " + timeout.toSeconds()
                        + " s; last lines of " + log + ":\n" + tail(30));
            }
            sleep(100);
        }
    }

    private List<String> lines() {
        if (!Files.exists(log)) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length() - logStart;
            if (len <= 0) {
                return List.of();
            }
            byte[] buf = new byte[(int) Math.min(len, 16 * 1024 * 1024)];
            f.seek(logStart);
            f.readFully(buf);
            return List.of(new String(buf, StandardCharsets.UTF_8).split("\r?\n"));
        } catch (IOException e) {
            return List.of(); // being written: try again
        }
    }

    /** The last {@code n} lines of the log (read from its end: service logs can be large). */
    String tail(int n) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            int size = (int) Math.min(len, 64 * 1024);
            byte[] buf = new byte[size];
            f.seek(len - size);
            f.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\r?\n");
            int from = Math.max(0, all.length - n);
            StringBuilder sb = new StringBuilder();
            for (int i = from; i < all.length; i++) {
                sb.append("  | ").append(all[i]).append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            return "  | (no log: " + e.getMessage() + ")\n";
        }
    }

    /**
     * Stops the process and every descendant: SIGTERM to all (a JVM runs its shutdown hooks and so stops what it
     * started), then SIGKILL to whatever is still alive after {@code grace}.
     */
    void stop(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(0, process.toHandle());
        process.destroy();
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception timedOut) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : tree) {
            h.destroyForcibly(); // children that ignored the parent's end
        }
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
