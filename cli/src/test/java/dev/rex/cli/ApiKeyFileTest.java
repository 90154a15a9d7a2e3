package dev.rex.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyFileTest {
    @TempDir
    Path tmp;

    @Test
    void aGeneratedKeyIsLongRandomAndReadableByItsOwnerOnly() throws Exception {
        String a = ApiKeyFile.generate(tmp.resolve("run-1"));
        String b = ApiKeyFile.generate(tmp.resolve("run-2"));
        assertEquals(64, a.length());
        assertNotEquals(a, b);
        Path file = tmp.resolve("run-1").resolve(ApiKeyFile.NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(a, ApiKeyFile.read(file, "--api-key-file"));
    }

    @Test
    void theVerbsFindTheGivenFileElseTheNewestRunsKey() throws Exception {
        Path state = tmp.resolve(".rex");
        String older = ApiKeyFile.generate(state.resolve("run-20260101-000000"));
        Files.setLastModifiedTime(state.resolve("run-20260101-000000/api-key"),
                java.nio.file.attribute.FileTime.fromMillis(1_000));
        String newer = ApiKeyFile.generate(state.resolve("run-20260102-000000"));
        assertEquals(newer, ApiKeyFile.find(null, tmp, name -> null));
        assertEquals(older, ApiKeyFile.find(state.resolve("run-20260101-000000/api-key"), tmp, name -> null));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ApiKeyFile.find(null, tmp.resolve("elsewhere"), name -> null));
        assertEquals("from-env", ApiKeyFile.find(null, tmp, name -> name.equals("REX_API_KEY") ? "from-env" : null));
        assertTrue(none.getMessage().contains("rex up") && none.getMessage().contains("REX_API_KEY"), none.getMessage());
    }
}
