package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.io.FileTrees;
import dev.rex.gqa.build.BuildReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's work folder ({@code .rex/demo}): what a rerun may keep. The world and its GQA-REX build are kept when
 * they were made from the same inputs (a stamp beside each, written only once the step completed); the model and
 * the services' export are always made afresh, since a previous run's checkpoints would otherwise be resumed.
 */
final class DemoWork {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    DemoWork(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path world() {
        return dir.resolve("world");
    }

    Path gqaRex() {
        return dir.resolve("gqa-rex");
    }

    Path model() {
        return dir.resolve("model");
    }

    static String worldStamp(int images, int questionsPerImage, long seed) {
        return "world images=" + images + " questions-per-image=" + questionsPerImage + " seed=" + seed + " v1";
    }

    static String buildStamp(String worldStamp, List<String> splits, String iou, long seed) {
        return worldStamp + " | build splits=" + String.join(",", splits) + " iou=" + iou + " seed=" + seed + " v1";
    }

    /** True when {@code part} was completed from exactly these inputs by an earlier run. */
    boolean reusable(Path part, String stamp) {
        Path f = stampFile(part);
        try {
            return Files.isDirectory(part) && Files.isRegularFile(f)
                    && (!part.equals(gqaRex()) || Files.isRegularFile(reportFile()))
                    && Files.readString(f, StandardCharsets.UTF_8).strip().equals(stamp);
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes {@code part} and its stamp before it is made again. */
    void discard(Path part) throws IOException {
        Files.deleteIfExists(stampFile(part));
        FileTrees.deleteTree(part);
    }

    /** Marks {@code part} as complete for these inputs. */
    void completed(Path part, String stamp) throws IOException {
        Files.writeString(stampFile(part), stamp + "\n", StandardCharsets.UTF_8);
    }

    /** Everything in the work folder except the parts kept for this run. */
    void clearExcept(List<Path> keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            return;
        }
        List<Path> entries;
        try (var s = Files.list(dir)) {
            entries = s.toList();
        }
        for (Path p : entries) {
            boolean kept = keep.stream().anyMatch(k -> p.equals(k) || p.equals(stampFile(k))
                    || k.equals(gqaRex()) && p.equals(reportFile()));
            if (!kept) {
                FileTrees.deleteTree(p);
            }
        }
    }

    /** Keeps what a later run needs of a build it reuses: its summary and the questions read per split. */
    void saveReport(BuildReport report) throws IOException {
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("summary", report.summary());
        Map<String, Long> read = new LinkedHashMap<>();
        report.splits().forEach((split, counts) -> read.put(split, counts.read));
        saved.put("read", read);
        JSON.writeValue(reportFile().toFile(), saved);
    }

    /** The saved summary of the kept build, and a report holding its per-split question counts. */
    Map.Entry<String, BuildReport> savedReport() throws IOException {
        JsonNode saved = JSON.readTree(reportFile().toFile());
        BuildReport report = new BuildReport();
        saved.path("read").fields().forEachRemaining(e -> {
            BuildReport.SplitCounts counts = new BuildReport.SplitCounts();
            counts.read = e.getValue().asLong();
            report.splits().put(e.getKey(), counts);
        });
        return Map.entry(saved.path("summary").asText(), report);
    }

    private Path reportFile() {
        return dir.resolve("gqa-rex.report.json");
    }

    private Path stampFile(Path part) {
        return part.resolveSibling(part.getFileName() + ".inputs");
    }
}
