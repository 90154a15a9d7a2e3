package dev.rex.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Keeps {@code rex up}'s children running: a child (the broker, the database, a service) found dead is started
 * again — the embedded servers on their kept port and data — after a back-off that doubles from 1 s to 30 s while
 * it keeps dying (reset once it has stayed up for a minute), and each restart is said on the console with the log
 * to read.
 */
final class ChildSupervisor {
    /** A supervised child: how to tell it runs and how to start it again. */
    record Child(String name, BooleanSupplier alive, Runnable restart, Path log) {
    }

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration STABLE = Duration.ofSeconds(60);

    private static final class Attempts {
        int count;
        long notBefore;
        long restartedAt;
    }

    private final Supplier<List<Child>> children;
    private final PrintStream out;
    private final BooleanSupplier closing;
    private final Map<String, Attempts> attempts = new HashMap<>();

    ChildSupervisor(Supplier<List<Child>> children, PrintStream out, BooleanSupplier closing) {
        this.children = children;
        this.out = out;
        this.closing = closing;
    }

    /** Checks every second until the stack closes. */
    void run() throws InterruptedException {
        while (!closing.getAsBoolean()) {
            checkOnce();
            Thread.sleep(1000);
        }
    }

    /** One pass: restarts each dead child whose back-off has passed; returns how many were restarted. */
    int checkOnce() {
        int restarted = 0;
        for (Child c : children.get()) {
            if (closing.getAsBoolean()) {
                return restarted;
            }
            Attempts a = attempts.computeIfAbsent(c.name(), n -> new Attempts());
            long now = System.nanoTime();
            if (c.alive().getAsBoolean()) {
                if (a.count > 0 && now - a.restartedAt > STABLE.toNanos()) {
                    a.count = 0; // stayed up: the next death starts the back-off afresh
                }
                continue;
            }
            if (now < a.notBefore) {
                continue;
            }
            a.count++;
            out.printf(Locale.ROOT, "rex up: %s is not running; restarting it (attempt %d; log %s)%n", c.name(),
                    a.count, c.log());
            long t0 = System.nanoTime();
            try {
                c.restart().run();
                a.restartedAt = System.nanoTime();
                out.printf(Locale.ROOT, "rex up: %s restarted in %.1f s%n", c.name(), (a.restartedAt - t0) / 1e9);
                restarted++;
            } catch (RuntimeException e) {
                out.printf(Locale.ROOT, "rex up: restarting %s failed: %s%n", c.name(), e.getMessage());
            }
            Duration wait = backoff(a.count);
            a.notBefore = System.nanoTime() + wait.toNanos();
        }
        return restarted;
    }

    /** 1 s, 2 s, 4 s, … up to 30 s: the pause before the next restart of a child that died {@code count} times. */
    static Duration backoff(int count) {
        long ms = FIRST_BACKOFF.toMillis() << Math.min(Math.max(count - 1, 0), 16);
        return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
    }
}
