package dev.rex.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar with rate and ETA on stderr, shared by every long verb. Libraries report progress
 * through their own callbacks; verbs adapt those callbacks to {@link #update(long, String)}.
 * Redraws at most every 200 ms so that hot loops can call it freely; when the output is not a terminal (a log file,
 * CI) it writes a plain line every 10 s instead, so that logs stay readable.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private volatile long total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long done;
    private String detail = "";
    private final boolean terminal;
    private long drawnDone = -1;
    private int drawnLength; // a shorter redraw is padded to this, so no old characters stay behind

    public ProgressBar(String label, long total) {
        this(label, total, System.err);
    }

    public ProgressBar(String label, long total, PrintStream out) {
        this(label, total, out, System.console() != null);
    }

    ProgressBar(String label, long total, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
    }

    public void total(long total) {
        this.total = total;
    }

    public synchronized void step(long n) {
        update(done + n, detail);
    }

    public synchronized void update(long done, String detail) {
        this.done = done;
        this.detail = detail == null ? "" : detail;
        long now = System.nanoTime();
        long every = terminal ? 200_000_000L : 10_000_000_000L;
        if (now - lastDraw > every || (terminal && total > 0 && done >= total)) {
            lastDraw = now;
            draw(now);
        }
    }

    private void draw(long now) {
        drawnDone = done;
        double secs = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / secs;
        StringBuilder sb = new StringBuilder().append(label).append(' ');
        if (total > 0) {
            double f = Math.min(1.0, (double) done / total);
            int fill = (int) Math.round(f * WIDTH);
            sb.append('[').append("#".repeat(fill)).append(" ".repeat(WIDTH - fill)).append("] ");
            sb.append(String.format(Locale.ROOT, "%d/%d %5.1f%%", done, total, 100 * f));
            long eta = rate > 0 ? (long) ((total - done) / rate) : -1;
            sb.append(" ETA ").append(eta < 0 ? "?" : format(Duration.ofSeconds(eta)));
        } else {
            sb.append(done);
        }
        sb.append(String.format(Locale.ROOT, " %.1f/s", rate));
        if (!detail.isEmpty()) sb.append(' ').append(detail);
        if (terminal) {
            int length = sb.length();
            sb.append(" ".repeat(Math.max(0, drawnLength - length)));
            drawnLength = length;
            out.print("\r" + sb);
        } else {
            out.println(sb);
        }
        out.flush();
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        if (terminal || drawnDone != done) draw(System.nanoTime());
        if (terminal) out.println();
    }
}
