package dev.rex.gqa.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class SpoolTest {
    @Test
    void recordsComeBackInOrderAcrossBufferBoundaries(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("s.spool");
        String big = "漢字 ".repeat(40_000); // larger than the buffer
        try (Spool s = new Spool(f, 3)) {
            for (int i = 0; i < 20_000; i++) s.write("q" + i, i % 7 == 0 ? "" : "é" + i, i == 12_345 ? big : "x");
            assertEquals(20_000, s.count());
            try (Spool.Reader r = s.reader()) {
                for (int i = 0; i < 20_000; i++) {
                    assertArrayEquals(new String[]{"q" + i, i % 7 == 0 ? "" : "é" + i, i == 12_345 ? big : "x"},
                            r.next(), "record " + i);
                }
                assertNull(r.next());
            }
        }
        assertFalse(Files.exists(f), "the spool deletes its file");
    }
}
