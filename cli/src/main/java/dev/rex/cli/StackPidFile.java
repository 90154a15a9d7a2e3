package dev.rex.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code .rex/stack.pids}: which processes the running stack started, so that one killed without the chance to
 * stop them (SIGKILL, a crash, a closed machine session) does not leave services holding their ports forever:
 * the next {@code rex up} stops what a dead owner left behind. Each process is recorded with its start time, so a
 * pid reused by an unrelated process is never touched.
 */
final class StackPidFile {

    private static final String TMPDIR = "tmpdir ";

    private final Path file;

    StackPidFile(Path rexDir) {
        this.file = rexDir.resolve("stack.pids");
    }

    /**
     * Records the owner (this JVM), the processes it started and its temporary directory (removed by whoever
     * cleans up); rewritten as processes are added.
     */
    void write(Map<String, Long> pids, Path tmpDir) {
        List<String> lines = new ArrayList<>();
        lines.add(line("owner", ProcessHandle.current()));
        lines.add(TMPDIR + tmpDir.toAbsolutePath());
        pids.forEach((name, pid) -> ProcessHandle.of(pid).ifPresent(h -> lines.add(line(name, h))));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // only a safety net for a later run: the stack works without it
        }
    }

    Path dir() {
        return file.getParent();
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file is checked against its owner next time anyway
        }
    }

    /**
     * When the recorded owner is gone, stops (SIGTERM, then SIGKILL) the recorded processes that still run and
     * returns how many there were. When the owner still runs, another {@code rex up} is live: nothing is touched.
     */
    int stopLeftovers(PrintStream out) {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return 0;
        }
        if (lines.isEmpty()) {
            return 0;
        }
        if (alive(lines.get(0)).isPresent()) {
            return 0;
        }
        List<ProcessHandle> left = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            alive(l).ifPresent(left::add);
        }
        if (!left.isEmpty()) {
            out.println("rex up: stopping " + left.size() + " process(es) left by an earlier 'rex up' that did not"
                    + " stop cleanly");
        }
        left.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : left) {
            try {
                h.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        lines.stream().filter(l -> l.startsWith(TMPDIR)).findFirst()
                .ifPresent(l -> Stack.deleteTree(Path.of(l.substring(TMPDIR.length()))));
        delete();
        return left.size();
    }

    private static String line(String name, ProcessHandle h) {
        long start = h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        return name + " " + h.pid() + " " + start;
    }

    /** The process of a line if it still runs and started when recorded (so not a reused pid). */
    private static Optional<ProcessHandle> alive(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 3) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(f[1]);
            long start = Long.parseLong(f[2]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> start >= 0
                    && h.info().startInstant().map(Instant::toEpochMilli).orElse(-2L) == start);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
