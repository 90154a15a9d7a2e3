package dev.rex.cli;

import java.io.PrintStream;
import java.util.Locale;

/** The demo's numbered steps ({@code [3/7] ...}): one counter, so a number is never printed twice. */
final class DemoSteps {
    private final PrintStream out;
    private final int total;
    private int done;

    DemoSteps(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    void next(String format, Object... args) {
        done++;
        out.printf(Locale.ROOT, "[%d/%d] %s%n", done, total, String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
