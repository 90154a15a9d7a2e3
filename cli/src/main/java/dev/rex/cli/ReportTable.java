package dev.rex.cli;

import dev.rex.metrics.rex.RexEvaluation;

import java.io.PrintStream;
import java.util.Locale;

/** The paper's metric table of a {@link RexEvaluation.Report} as the CLI prints it (scores × 100, then the notes). */
final class ReportTable {
    private ReportTable() {
    }

    static void print(PrintStream out, RexEvaluation.Report r) {
        out.println("  metric              score (x100)");
        r.captions().forEach((k, v) -> out.printf(Locale.ROOT, "  %-18s %s%n", k, fmt(v)));
        out.printf(Locale.ROOT, "  %-18s %s%n", "Grounding", fmt(r.groundingPublished()));
        out.printf(Locale.ROOT, "  %-18s %s%n", "Grounding (corr.)", fmt(r.groundingCorrected()));
        if (r.attributeRecall() != null) {
            r.attributeRecall().forEach((cat, v) -> out.printf(Locale.ROOT, "  %-18s %s%n", "Attr. " + cat, fmt(v)));
        }
        out.printf(Locale.ROOT, "  %-18s %s%n", "VQA accuracy", fmt(r.vqaAccuracy()));
        if (r.oodAccuracy() != null) {
            r.oodAccuracy().forEach((part, v) -> out.printf(Locale.ROOT, "  %-18s %s%n", "GQA-OOD " + part, fmt(v)));
        }
        r.notes().forEach((k, v) -> out.println("  note: " + k + ": " + v));
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
