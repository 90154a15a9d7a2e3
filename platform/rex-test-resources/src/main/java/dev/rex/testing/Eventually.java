package dev.rex.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** The tests' one wait for something asynchronous (a row stored, an event consumed) to be there. */
public final class Eventually {
    private Eventually() {
    }

    /** Polls {@code probe} every 100 ms until it yields a value; fails after {@code wait} naming {@code what}. */
    public static <T> T within(Duration wait, Supplier<Optional<T>> probe, String what) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + wait + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
