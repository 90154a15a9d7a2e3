package dev.rex.gqa.build;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary file of fixed-width string records between the passes of a build: the corpus-level stages
 * (post-processing, finalizing) need the vocabulary of the whole corpus before they can process any question, so
 * the questions' intermediate texts wait on disk, not in memory.
 */
final class Spool implements Closeable {
    private final Path file;
    private final int fields;
    private DataOutputStream out;
    private long count;

    Spool(Path file, int fields) throws IOException {
        this.file = file;
        this.fields = fields;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    void write(String... values) {
        try {
            for (String v : values) {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count() {
        return count;
    }

    /** Finishes writing and returns a reader over the records. */
    Reader reader() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        return new Reader(new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)));
    }

    final class Reader implements Closeable {
        private final DataInputStream in;

        Reader(DataInputStream in) {
            this.in = in;
        }

        /** The next record, or {@code null} at the end. */
        String[] next() {
            try {
                String[] r = new String[fields];
                for (int i = 0; i < fields; i++) {
                    int n;
                    try {
                        n = in.readInt();
                    } catch (EOFException e) {
                        if (i == 0) return null;
                        throw e;
                    }
                    byte[] b = in.readNBytes(n);
                    r[i] = new String(b, StandardCharsets.UTF_8);
                }
                return r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
        Files.deleteIfExists(file);
    }
}
