package dev.rex.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfinedPathTest {
    @TempDir
    Path tmp;

    private Path resolve(String value, Path... roots) {
        return ConfinedPath.resolve("questions", value, List.of(roots), "rex.data.roots");
    }

    private String refused(String value, Path... roots) {
        ConfinedPath.RefusedPathException e = assertThrows(ConfinedPath.RefusedPathException.class,
                () -> resolve(value, roots));
        assertEquals("questions", e.field());
        return e.getMessage();
    }

    @Test
    void insideTheRootsResolvesAbsoluteOrRelativeToTheFirstRoot() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path file = Files.writeString(data.resolve("val_questions.json"), "{}");
        assertEquals(file.toRealPath(), resolve(file.toString(), data));
        assertEquals(file.toRealPath(), resolve("val_questions.json", data));
        // a file not yet there (e.g. an output) resolves too, checked by its existing parent
        assertEquals(data.toRealPath().resolve("new/out.json"), resolve("new/out.json", data));
        Path other = Files.createDirectories(tmp.resolve("features"));
        assertEquals(other.toRealPath(), resolve(other.toString(), data, other));
    }

    @Test
    void dotDotAbsoluteAndSymlinksOutOfTheRootsAreRefused() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "root:x:0:0");
        assertTrue(refused("../secret.txt", data).contains("outside the allowed folders"));
        refused("../../../../../../etc/passwd", data);
        refused("/etc/passwd", data);
        refused(secret.toString(), data);
        Files.createSymbolicLink(data.resolve("link.json"), secret);
        refused("link.json", data);
        Files.createSymbolicLink(data.resolve("dir"), tmp);
        refused("dir/secret.txt", data);
        // a sibling folder whose name starts like the root is not inside it
        Path sibling = Files.createDirectories(tmp.resolve("data-other"));
        refused(sibling.resolve("x").toString(), data);
        Files.createSymbolicLink(data.resolve("dangling"), tmp.resolve("nowhere"));
        assertTrue(refused("dangling/x", data).contains("broken symbolic link"));
        for (String m : List.of(refused("/etc/passwd", data), refused("link.json", data))) {
            assertFalse(m.contains("root:x"), "never the content: " + m);
        }
    }

    @Test
    void noRootsNulBlankAndOverlongAreRefused() {
        assertTrue(refused("/tmp/x").contains("no data folder configured"));
        assertTrue(refused("a\0b", tmp).contains("NUL"));
        assertTrue(refused(" ", tmp).contains("required"));
        assertTrue(refused("a".repeat(5000), tmp).contains("4096"));
    }
}
