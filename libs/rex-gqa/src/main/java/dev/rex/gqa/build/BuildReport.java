package dev.rex.gqa.build;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Counts of a build: per split, questions out of each stage, drops by reason, rejections by code. */
public final class BuildReport {
    /** Counts of one split. */
    public static final class SplitCounts {
        public long read;
        public long semantics;
        public long raw;
        public long processed;
        public long grounded;
        public long converted;
        public final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        public final Map<RejectionCode, Long> rejections = new EnumMap<>(RejectionCode.class);

        void drop(DropReason r) {
            drops.merge(r, 1L, Long::sum);
        }

        void reject(RejectionCode c) {
            rejections.merge(c, 1L, Long::sum);
        }

        public long rejected() {
            return rejections.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Map<String, SplitCounts> splits = new LinkedHashMap<>();
    /** Wall and calling-thread CPU nanoseconds per pass (program, ground, final, dictionaries-and-files). */
    final Map<String, long[]> passes = new LinkedHashMap<>();
    long nanos;
    int vocabularyPost;
    int vocabularyFinal;
    int expWords;
    int answers;

    SplitCounts split(String name) {
        return splits.computeIfAbsent(name, k -> new SplitCounts());
    }

    public Map<String, SplitCounts> splits() {
        return splits;
    }

    public long totalRead() {
        return splits.values().stream().mapToLong(s -> s.read).sum();
    }

    /** Pass name → {wall ns, CPU ns of the calling thread}. */
    public Map<String, long[]> passes() {
        return passes;
    }

    void pass(String name, long wallStart, long cpuStart) {
        long[] t = passes.computeIfAbsent(name, k -> new long[2]);
        t[0] += System.nanoTime() - wallStart;
        t[1] += Cpu.now() - cpuStart;
    }

    public double seconds() {
        return nanos / 1e9;
    }

    public int expVocabulary() {
        return expWords;
    }

    public int answerVocabulary() {
        return answers;
    }

    /** A human-readable summary: counts per stage and split, drops per reason, rejections per code. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-8s %10s %10s %10s %10s %10s %10s %10s%n", "split", "questions",
                "semantics", "raw", "processed", "grounded", "converted", "rejected"));
        for (Map.Entry<String, SplitCounts> e : splits.entrySet()) {
            SplitCounts c = e.getValue();
            sb.append(String.format(Locale.ROOT, "%-8s %10d %10d %10d %10d %10d %10d %10d%n", e.getKey(), c.read,
                    c.semantics, c.raw, c.processed, c.grounded, c.converted, c.rejected()));
        }
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        Map<RejectionCode, Long> rejections = new EnumMap<>(RejectionCode.class);
        for (SplitCounts c : splits.values()) {
            c.drops.forEach((k, v) -> drops.merge(k, v, Long::sum));
            c.rejections.forEach((k, v) -> rejections.merge(k, v, Long::sum));
        }
        sb.append("drops (by design of the original):");
        if (drops.isEmpty()) sb.append(" none");
        drops.forEach((k, v) -> sb.append(' ').append(k.name()).append('=').append(v));
        sb.append(System.lineSeparator()).append("rejections:");
        if (rejections.isEmpty()) sb.append(" none");
        rejections.forEach((k, v) -> sb.append(' ').append(k.name()).append('=').append(v));
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "vocabularies: post-processing %d words, finalizing %d words; "
                + "exp2idx %d entries, ans2idx %d answers; %.1f s%n", vocabularyPost, vocabularyFinal, expWords,
                answers, seconds()));
        return sb.toString();
    }
}
