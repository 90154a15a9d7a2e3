package dev.rex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new user's mistakes: each is caught before any work, named by its option, and all of them at once. */
class CliUsabilityTest {

    @TempDir
    Path tmp;

    @Test
    void aMistypedDemoOptionDeletesNothingAndEveryProblemIsReported() throws Exception {
        Path previous = tmp.resolve(".rex/demo/world/questions/train_balanced_questions.json");
        Files.createDirectories(previous.getParent());
        Files.writeString(previous, "{}");
        CliRun r = withHome(tmp, () -> CliRun.of("demo", "--images", "-3", "--epochs", "0", "--no-stack"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--images must be at least 3, got -3"), r.err());
        assertTrue(r.err().contains("--epochs must be at least 1, got 0"), "both problems at once:\n" + r.err());
        assertTrue(Files.isRegularFile(previous), "the previous demo's files must survive a typo");
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void helpListsEveryVerbIncludingTestWithWholeSentences() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith("test ")), "rex --help must list test:\n" + r.out());
        assertEquals(0, CliRun.of("help", "test").code());
        List<String> cut = new ArrayList<>();
        collectCutSummaries(RexCli.commandLine(), cut);
        assertTrue(cut.isEmpty(), "the first description line is the summary in the verb list, so it must be a whole"
                + " sentence: " + cut);
        // the demo's entry in the verb list (its first line and the wrapped ones under it) is the whole sentence
        List<String> lines = r.out().lines().toList();
        int at = lines.indexOf(lines.stream().filter(l -> l.trim().startsWith("demo ")).findFirst().orElseThrow());
        StringBuilder entry = new StringBuilder(lines.get(at).trim());
        for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("     "); i++) {
            entry.append(' ').append(lines.get(i).trim());
        }
        assertTrue(entry.toString().endsWith("metrics."), entry.toString());
    }

    private static void collectCutSummaries(CommandLine cl, List<String> cut) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            String[] d = sub.getCommandSpec().usageMessage().description();
            String name = sub.getCommandSpec().qualifiedName();
            // a whole sentence that fits the verb list in two lines of an 80-column terminal
            if (!name.endsWith(" help") && (d.length == 0 || !d[0].trim().endsWith(".") || d[0].length() > 110)) {
                cut.add(name + ": " + (d.length == 0 ? "(none)" : d[0]));
            }
            collectCutSummaries(sub, cut);
        }
    }

    @Test
    void featuresImportOfAnEmptyOrNonTsvFileExitsTwo() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.tsv"));
        CliRun r = CliRun.of("features", "import", "--tsv", empty.toString(), "--out", tmp.resolve("s").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("--tsv " + empty + " is empty"), r.err());

        Path csv = tmp.resolve("boxes.csv");
        Files.writeString(csv, "id,x,y\n1,2,3\n");
        r = CliRun.of("features", "import", "--tsv", csv.toString(), "--out", tmp.resolve("s").toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("is not a bottom-up TSV"), r.err());
        assertFalse(Files.exists(tmp.resolve("s/features")), "nothing imported");
    }

    @Test
    void askWithAnEmptyQuestionAndAMissingCheckpointReportsBoth() {
        CliRun r = CliRun.of("ask", "--checkpoint", tmp.resolve("nope").toString(), "--features",
                tmp.resolve("none").toString(), "--image", "1", "--question", "");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--checkpoint " + tmp.resolve("nope") + " does not exist"), r.err());
        assertTrue(r.err().contains("--features " + tmp.resolve("none") + " does not exist"), r.err());
        assertTrue(r.err().contains("--question is empty"), r.err());
        assertTrue(r.out().isEmpty(), "no answer for no question: " + r.out());
    }

    @Test
    void outputsAreCheckedWritableBeforeTheWork() throws Exception {
        Path gts = tmp.resolve("gts.json");
        Files.writeString(gts, "{\"1\": [\"a b\"]}");
        CliRun r = CliRun.of("metrics", "--gts", gts.toString(), "--res", gts.toString(), "--json", tmp.toString(),
                "--no-spice");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("--json " + tmp + " is a folder"), r.err());
        assertFalse(r.out().contains("CIDEr"), "failed before computing anything:\n" + r.out());

        r = CliRun.of("metrics", "--gts", tmp.toString(), "--res", tmp.resolve("none.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--gts " + tmp + " is a folder"), r.err());
        assertTrue(r.err().contains("--res " + tmp.resolve("none.json") + " does not exist"), r.err());

        r = CliRun.of("dataset", "synth", "--images", "3", "--questions-per-image", "1", "--out", "/proc/rex-x");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--out /proc/rex-x cannot be written into"), r.err());
    }

    @Test
    void aCorruptConfigNamesTheOptionWithoutJacksonsDump() throws Exception {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{\"hidden_size\": 64,");
        CliRun r = CliRun.of("train", "--questions", tmp.toString(), "--data", tmp.toString(), "--features",
                tmp.toString(), "--config", config.toString(), "--mode", "multitask", "--epochs", "0",
                "--out", tmp.resolve("out").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--config " + config + " is not valid JSON"), r.err());
        assertTrue(r.err().contains("--epochs must be at least 1"), r.err());
        assertFalse(r.err().contains("Source:"), r.err());
    }

    @Test
    void aShorterRedrawOfTheBarLeavesNoOldCharactersBehind() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressBar bar = new ProgressBar("step", 10, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                true)) {
            bar.update(1, "a long detail that will get shorter");
            bar.update(10, "short");
        }
        String[] draws = bytes.toString(StandardCharsets.UTF_8).replace("\n", "").split("\r");
        assertTrue(draws.length >= 3, String.join("|", draws));
        for (int i = 2; i < draws.length; i++) { // each redraw covers what the one before it showed
            assertTrue(draws[i].length() >= draws[i - 1].strip().length(), draws[i - 1] + "\n" + draws[i]);
        }
        assertTrue(draws[2].contains("short"), draws[2]);
    }

    static CliRun withHome(Path home, java.util.function.Supplier<CliRun> run) {
        String before = System.getProperty("rex.home");
        System.setProperty("rex.home", home.toString());
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty("rex.home");
            } else {
                System.setProperty("rex.home", before);
            }
        }
    }
}
