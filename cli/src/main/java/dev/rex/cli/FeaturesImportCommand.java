package dev.rex.cli;

import dev.rex.gqa.features.BottomUpImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rex features import --tsv FILE --out DIR}: LXMERT bottom-up TSV → feature store. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import LXMERT's bottom-up *_obj36.tsv into a feature store.",
                "Import LXMERT's bottom-up *_obj36.tsv (img_id, img_h, img_w, objects_id, objects_conf, "
                + "attrs_id, attrs_conf, num_boxes, boxes, features; arrays base64) into DIR/boxes/<imageId>.npy "
                + "[36,4] and DIR/features/<imageId>.npy [36,2048], with image sizes in DIR/images.tsv.",
                "Resumable: images already complete are skipped. Bad lines are reported by number and skipped."})
public final class FeaturesImportCommand implements Callable<Integer> {
    @Option(names = "--tsv", required = true, paramLabel = "FILE", description = "bottom-up TSV file")
    Path tsv;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "feature store directory")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "decoding/writing threads (default: the CPU count)")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Checks checks = new Checks().readableFile("--tsv", tsv, TSV_HINT).writableDir("--out", out)
                .atLeast("--threads", n, 1);
        if (checks.ok()) {
            checkLooksLikeBottomUp(checks);
        }
        checks.orThrow();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        BottomUpImporter.Report report;
        // progress in MiB of the TSV, so that the bar's rate reads as MiB/s; the detail counts images
        try (ProgressBar bar = new ProgressBar("import MiB", Math.max(1, Files.size(tsv) >> 20))) {
            report = BottomUpImporter.importTsv(tsv, out, n, new BottomUpImporter.Listener() {
                @Override
                public void progress(long bytesRead, BottomUpImporter.Report r) {
                    bar.update(bytesRead >> 20, r.imported() + " new, " + r.alreadyPresent() + " present, "
                            + r.bad() + " bad");
                }

                @Override
                public void badLine(BottomUpImporter.BadLine bad) {
                    err.println();
                    err.println("skipped " + tsv.getFileName() + " " + bad);
                    err.flush();
                }
            });
        }
        double secs = (System.nanoTime() - start) / 1e9;
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d lines: %d imported, %d already present, %d bad lines skipped; %.1f s "
                        + "(%.1f images/s) -> %s%n", report.lines(), report.imported(), report.alreadyPresent(),
                report.bad(), secs, report.imported() / Math.max(secs, 1e-9), out);
        o.flush();
        if (report.imported() + report.alreadyPresent() == 0) {
            // nothing usable: a wrong file must not look like a successful import
            throw new Checks.UsageProblems(java.util.List.of("--tsv " + tsv + " gave no image (" + report.bad()
                    + " bad line(s) of " + report.lines() + ") — " + TSV_HINT));
        }
        return 0; // some images imported: bad lines were reported above and do not fail the import
    }

    private static final String TSV_HINT = "give LXMERT's bottom-up *_obj36.tsv (e.g. vg_gqa_obj36.tsv: 10 "
            + "tab-separated fields per image)";

    /** An empty file, or one whose first line is not 10 tab-separated fields, is refused before any work. */
    private void checkLooksLikeBottomUp(Checks checks) throws java.io.IOException {
        if (Files.size(tsv) == 0) {
            checks.fail("--tsv " + tsv, "is empty", TSV_HINT);
            return;
        }
        String first;
        try (java.io.BufferedReader r = Files.newBufferedReader(tsv, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            char[] head = new char[4096]; // the first fields are short; features come last
            int len = r.read(head);
            first = len <= 0 ? "" : new String(head, 0, len);
        }
        int tabs = (int) first.chars().takeWhile(c -> c != '\n').filter(c -> c == '\t').count();
        if (tabs < 9) { // LXMERT's first nine fields take about 2,000 characters
            checks.fail("--tsv " + tsv, "is not a bottom-up TSV (its first line has " + (tabs + 1)
                    + " field(s), not 10)", TSV_HINT);
        }
    }
}
