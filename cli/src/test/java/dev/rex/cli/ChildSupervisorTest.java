package dev.rex.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restart policy of {@code rex up}: dead children come back, with back-off, and the console says so. */
class ChildSupervisorTest {

    @Test
    void aDeadChildIsRestartedAndSaidSo() {
        AtomicBoolean alive = new AtomicBoolean(false);
        AtomicInteger restarts = new AtomicInteger();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ChildSupervisor s = new ChildSupervisor(() -> List.of(new ChildSupervisor.Child("kafka", alive::get, () -> {
            restarts.incrementAndGet();
            alive.set(true);
        }, Path.of("kafka.log"))), new PrintStream(console, true, StandardCharsets.UTF_8), () -> false);
        assertEquals(1, s.checkOnce());
        assertEquals(0, s.checkOnce(), "alive again: left alone");
        String said = console.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("rex up: kafka is not running; restarting it (attempt 1; log kafka.log)"), said);
        assertTrue(said.contains("rex up: kafka restarted in"), said);
        assertEquals(1, restarts.get());
    }

    @Test
    void aFailingRestartWaitsItsBackOffBeforeTheNextAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ChildSupervisor s = new ChildSupervisor(() -> List.of(new ChildSupervisor.Child("postgres", () -> false, () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("port in use");
        }, Path.of("postgres.log"))), new PrintStream(console, true, StandardCharsets.UTF_8), () -> false);
        s.checkOnce();
        s.checkOnce(); // within the 1 s back-off: no second attempt yet
        assertEquals(1, attempts.get());
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("restarting postgres failed: port in use"));
    }

    @Test
    void backOffDoublesUpToThirtySeconds() {
        assertEquals(Duration.ofSeconds(1), ChildSupervisor.backoff(1));
        assertEquals(Duration.ofSeconds(2), ChildSupervisor.backoff(2));
        assertEquals(Duration.ofSeconds(16), ChildSupervisor.backoff(5));
        assertEquals(Duration.ofSeconds(30), ChildSupervisor.backoff(6));
        assertEquals(Duration.ofSeconds(30), ChildSupervisor.backoff(100));
    }

    @Test
    void nothingIsRestartedOnceTheStackCloses() {
        AtomicInteger restarts = new AtomicInteger();
        ChildSupervisor s = new ChildSupervisor(() -> List.of(new ChildSupervisor.Child("explanation", () -> false,
                restarts::incrementAndGet, Path.of("x.log"))), new PrintStream(new ByteArrayOutputStream()), () -> true);
        assertEquals(0, s.checkOnce());
        assertEquals(0, restarts.get());
    }
}
