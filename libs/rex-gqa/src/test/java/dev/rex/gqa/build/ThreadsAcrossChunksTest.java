package dev.rex.gqa.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.bench.ReplicatedCorpus;
import dev.rex.gqa.ground.IouMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hand-made corpus replicated over several chunks (its gender questions included, so the per-image state
 * crosses chunk boundaries: ~4,800 val questions make two chunks of 4,096): the same files with 1 and with 3 threads.
 */
class ThreadsAcrossChunksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sameOutputForAnyNumberOfThreads(@TempDir Path dir) throws IOException {
        Path source = MiniCorpusTest.resource("gqa-mini");
        Path corpus = dir.resolve("corpus");
        ReplicatedCorpus.write(source, corpus, List.of("train", "val"), 16_000);
        BuildReport one = null;
        for (int threads : new int[]{1, 3}) {
            BuildOptions o = new BuildOptions(corpus.resolve("question"), corpus.resolve("sceneGraphs"),
                    source.resolve("boxes"), dir.resolve("out" + threads), BuildOptions.DEFAULT_SPLITS, false,
                    IouMode.REFERENCE, 0L, threads, 4096);
            BuildReport r = new DatasetBuilder().build(o, BuildProgress.NONE);
            if (one == null) one = r;
        }
        assertEquals(16_000, one.totalRead());
        try (Stream<Path> files = Files.list(dir.resolve("out1"))) {
            for (Path f : files.toList()) {
                assertEquals(JSON.readTree(f.toFile()), JSON.readTree(dir.resolve("out3").resolve(f.getFileName()).toFile()),
                        f.getFileName().toString());
            }
        }
        // the replicated gender questions saw the state of all earlier copies: "female" appended once per copy
        assertEquals("#17 is female", JSON.readTree(dir.resolve("out3/converted_explanation_val.json").toFile())
                .get("v09r200").asText());
    }
}
