package dev.rex.embedded;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** The process mode shared by the embedded servers' {@code main}s: start, announce, serve until SIGTERM. */
final class ServerMain {
    private ServerMain() {
    }

    /**
     * Runs {@code startAndAnnounce} (which starts the server and prints its {@code KEY=value} lines), then waits
     * until the JVM is asked to stop, when a shutdown hook runs {@code close}. A stop that arrives while starting
     * is not an error: the hook cleans up and this returns quietly.
     */
    static void serve(String name, Runnable startAndAnnounce, Runnable close) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            close.run();
            stopped.countDown();
        }, name + "-stop"));
        try {
            startAndAnnounce.run();
        } catch (RuntimeException e) {
            if (stopping.get()) {
                return;
            }
            throw e;
        }
        System.out.flush();
        stopped.await();
    }
}
