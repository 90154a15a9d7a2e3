package dev.rex.gqa.npy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The fixtures under src/test/resources/npy were written by NumPy 2.4 ({@code np.save}). */
class NpyTest {
    @TempDir
    Path tmp;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = NpyTest.class.getResourceAsStream("/npy/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    @Test
    void readsNumpyFloat32AndWritesTheSameBytes() throws IOException {
        byte[] numpy = resource("f32_2x3.npy");
        Npy.FloatArray a = Npy.decodeFloat32(numpy, "f32_2x3.npy");
        assertArrayEquals(new int[]{2, 3}, a.shape());
        float[] expected = new float[6];
        for (int i = 0; i < 6; i++) expected[i] = (i - 2.5f) * 1.5f;
        assertArrayEquals(expected, a.data());
        assertEquals(expected[4], a.get(1, 1));
        // our writer produces byte-identical files to np.save
        assertArrayEquals(numpy, Npy.encodeFloat32(a.shape(), a.data()));
    }

    @Test
    void readsNumpyInt64AndWritesTheSameBytes() throws IOException {
        byte[] numpy = resource("i64_4.npy");
        Npy.LongArray a = Npy.decodeInt64(numpy, "i64_4.npy");
        assertArrayEquals(new int[]{4}, a.shape());
        assertArrayEquals(new long[]{-1, 0, 7, 1L << 40}, a.data());
        assertArrayEquals(numpy, Npy.encodeInt64(a.shape(), a.data()));
    }

    @Test
    void readsVersion2() throws IOException {
        Npy.FloatArray a = Npy.decodeFloat32(resource("f32_v2.npy"), "v2");
        assertArrayEquals(new int[]{1, 2}, a.shape());
        assertArrayEquals(new float[]{1.25f, -3f}, a.data());
    }

    @Test
    void roundTripsThroughFilesAtomically() throws IOException {
        Path f = tmp.resolve("sub/dir/img1.npy");
        float[] data = new float[36 * 4];
        for (int i = 0; i < data.length; i++) data[i] = i * 0.5f - 3;
        Npy.writeFloat32(f, new int[]{36, 4}, data);
        Npy.FloatArray back = Npy.readFloat32(f, 36, 4);
        assertArrayEquals(data, back.data());
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        assertEquals(0, Files.size(f) % 4);
        assertEquals(0, (Files.size(f) - data.length * 4L) % 64, "header padded to 64 like NumPy");
    }

    @Test
    void scalarAndEmptyShapes() throws IOException {
        Npy.FloatArray s = Npy.decodeFloat32(Npy.encodeFloat32(new int[]{}, new float[]{4f}), "s");
        assertEquals(0, s.shape().length);
        assertEquals(4f, s.data()[0]);
        Npy.FloatArray e = Npy.decodeFloat32(Npy.encodeFloat32(new int[]{0, 5}, new float[0]), "e");
        assertArrayEquals(new int[]{0, 5}, e.shape());
    }

    @Test
    void errorsNameTheFileAndTheProblem() throws IOException {
        assertMessage(resource("f64.npy"), "f64.npy", "unsupported dtype '<f8'");
        assertMessage(resource("f32_fortran.npy"), "f32_fortran.npy", "Fortran");
        assertMessage(resource("f32_be.npy"), "f32_be.npy", "'>f4'");
        assertMessage("hello world, not npy".getBytes(), "x.npy", "bad magic");
        byte[] good = resource("f32_2x3.npy");
        assertMessage(Arrays.copyOf(good, good.length - 4), "cut.npy", "truncated");
        assertMessage(Arrays.copyOf(good, 20), "head.npy", "truncated .npy header");
        NpyException wrongType = assertThrows(NpyException.class,
                () -> Npy.decodeInt64(resource("f32_2x3.npy"), "boxes/1.npy"));
        assertTrue(wrongType.getMessage().startsWith("boxes/1.npy: dtype is <f4"), wrongType.getMessage());

        Path f = tmp.resolve("b.npy");
        Npy.writeFloat32(f, new int[]{2, 3}, new float[6]);
        NpyException shape = assertThrows(NpyException.class, () -> Npy.readFloat32(f, 36, 4));
        assertEquals(f + ": shape is (2, 3), expected (36, 4)", shape.getMessage());
        NpyException missing = assertThrows(NpyException.class, () -> Npy.readFloat32(tmp.resolve("none.npy")));
        assertTrue(missing.getMessage().contains("none.npy"));
    }

    @Test
    void encoderRejectsMismatchedShape() {
        assertThrows(IllegalArgumentException.class, () -> Npy.encodeFloat32(new int[]{2, 2}, new float[3]));
    }

    private static void assertMessage(byte[] bytes, String name, String fragment) {
        NpyException e = assertThrows(NpyException.class, () -> Npy.decodeFloat32(bytes, name));
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
