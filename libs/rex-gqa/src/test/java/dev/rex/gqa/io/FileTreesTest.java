package dev.rex.gqa.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTreesTest {
    @Test
    void deletesATreeButNotWhatALinkPointsTo(@TempDir Path tmp) throws IOException {
        Path outside = Files.writeString(tmp.resolve("keep.txt"), "x");
        Path root = Files.createDirectories(tmp.resolve("a/b/c"));
        Files.writeString(root.resolve("f"), "y");
        Files.createSymbolicLink(tmp.resolve("a/link"), outside);
        FileTrees.deleteTree(tmp.resolve("a"));
        assertFalse(Files.exists(tmp.resolve("a")));
        assertTrue(Files.exists(outside));
        FileTrees.deleteTree(tmp.resolve("a")); // absent: nothing to do
        FileTrees.deleteTree(outside);          // a plain file is a tree of one
        assertFalse(Files.exists(outside));
    }
}
