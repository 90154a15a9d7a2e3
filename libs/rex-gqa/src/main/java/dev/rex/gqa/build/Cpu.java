package dev.rex.gqa.build;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU time of the calling thread (0 where the JVM cannot measure it): benchmarks on a shared machine. */
public final class Cpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean ON = THREADS.isCurrentThreadCpuTimeSupported();

    private Cpu() {
    }

    public static long now() {
        return ON ? THREADS.getCurrentThreadCpuTime() : 0;
    }
}
