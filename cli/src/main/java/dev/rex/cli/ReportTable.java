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

    /** The report as JSON, every score with full precision (Java's shortest round-trip decimal form). */
    static void writeJson(java.nio.file.Path file, RexEvaluation.Report r) throws java.io.IOException {
        java.util.Map<String, Object> table = new java.util.LinkedHashMap<>();
        table.put("captions", r.captions());
        table.put("groundingPublished", r.groundingPublished());
        table.put("groundingCorrected", r.groundingCorrected());
        table.put("attributeRecall", r.attributeRecall());
        table.put("vqaAccuracy", r.vqaAccuracy());
        table.put("oodAccuracy", r.oodAccuracy());
        table.put("captionItems", r.captionItems());
        table.put("emptyPredictions", r.emptyPredictions());
        table.put("noReference", r.noReference());
        table.put("notes", r.notes());
        new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), table);
    }

    private static String fmt(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
