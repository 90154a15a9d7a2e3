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
        description = {"Import LXMERT's bottom-up *_obj36.tsv (img_id, img_h, img_w, objects_id, objects_conf, "
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
        if (!Files.isRegularFile(tsv)) {
            throw new IllegalArgumentException("--tsv " + tsv + " is not a file: give LXMERT's bottom-up "
                    + "*_obj36.tsv (e.g. vg_gqa_obj36.tsv)");
        }
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        BottomUpImporter.Report report;
        // progress in MiB of the TSV, so that the bar's rate reads as MiB/s; the detail counts images
        try (ProgressBar bar = new ProgressBar("import MiB", Math.max(1, Files.size(tsv) >> 20))) {
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            if (n < 1) throw new IllegalArgumentException("--threads must be at least 1, got " + n);
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
        return 0; // bad lines were reported above; they never fail the import
    }
}
