package dev.rex.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named tensor files through DJL's codecs: {@code .safetensors} and {@code .npz} ({@link NDList#decode} reads both,
 * {@link NDList#encode(OutputStream, NDList.Encoding)} writes both; names are the arrays' names).
 */
public final class NamedArrays {
    private NamedArrays() {
    }

    /** Reads a safetensors or npz file into {@code manager}; every array keeps its name. */
    public static NDList read(NDManager manager, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return NDList.decode(manager, in);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException(file + " is not a readable npz or safetensors file: "
                    + e.getMessage(), e);
        }
    }

    public static Map<String, NDArray> asMap(NDList list) {
        Map<String, NDArray> map = new LinkedHashMap<>();
        for (NDArray a : list) {
            if (a.getName() == null || map.put(a.getName(), a) != null) {
                throw new IllegalArgumentException("tensor file holds an unnamed or duplicate array: " + a.getName());
            }
        }
        return map;
    }

    /** Writes named arrays as a standard numpy {@code .npz} (a zip of {@code name.npy}). */
    public static void writeNpz(NDList arrays, Path file) throws IOException {
        write(arrays, file, NDList.Encoding.NPZ);
    }

    public static void writeSafetensors(NDList arrays, Path file) throws IOException {
        write(arrays, file, NDList.Encoding.SAFETENSORS);
    }

    private static void write(NDList arrays, Path file, NDList.Encoding encoding) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            arrays.encode(out, encoding);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
