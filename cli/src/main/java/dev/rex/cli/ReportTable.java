package dev.rex.cli;

import dev.rex.metrics.rex.RexEvaluation;

import java.io.PrintStream;
import java.util.Locale;

/** The paper's metric table of a {@link RexEvaluation.Report} as the CLI prints it (scores × 100, then the notes). */
final class ReportTable {
    private ReportTable() {
    }

    static void print(PrintStream out, RexEvaluation.Report r) {
        print(out, r, java.util.Map.of());
    }

    /** @param notes notes that replace the report's own for the same metric (e.g. why the demo leaves SPICE off) */
    static void print(PrintStream out, RexEvaluation.Report r, java.util.Map<String, String> notes) {
        out.println("  metric              score (x100)");
        r.captions().forEach((k, v) -> out.printf(Locale.ROOT, "  %-18s %s%n", k, fmt(v)));
        out.printf(Locale.ROOT, "  %-18s %s%n", "Grounding", fmt(r.groundingPublished()));
        out.printf(Locale.ROOT, "  %-18s %s%n", "Grounding (corr.)", fmt(r.groundingCorrected()));
        out.printf(Locale.ROOT, "  %-18s %s%n", "VQA accuracy", fmt(r.vqaAccuracy()));
        r.notes().forEach((k, v) -> out.println("  note: " + k + ": " + notes.getOrDefault(k, v)));
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
