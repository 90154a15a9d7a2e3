package dev.rex.gqa.build;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temporary file of fixed-width string records between the passes of a build: the corpus-level stages
 * (post-processing, finalizing) need the vocabulary of the whole corpus before they can process any question, so
 * the questions' intermediate texts wait on disk, not in memory. Each string is a 4-byte length and its UTF-8
 * bytes, buffered here (no per-byte stream calls).
 */
final class Spool implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final Path file;
    private final int fields;
    private OutputStream out;
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private long count;

    Spool(Path file, int fields) throws IOException {
        this.file = file;
        this.fields = fields;
        this.out = Files.newOutputStream(file);
    }

    void write(String... values) {
        try {
            for (String v : values) {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                if (pos + 4 + b.length > buf.length) {
                    out.write(buf, 0, pos);
                    pos = 0;
                    if (4 + b.length > buf.length) buf = new byte[4 + b.length];
                }
                int n = b.length;
                buf[pos++] = (byte) (n >>> 24);
                buf[pos++] = (byte) (n >>> 16);
                buf[pos++] = (byte) (n >>> 8);
                buf[pos++] = (byte) n;
                System.arraycopy(b, 0, buf, pos, n);
                pos += n;
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
            out.write(buf, 0, pos);
            out.close();
            out = null;
        }
        return new Reader(Files.newInputStream(file));
    }

    final class Reader implements Closeable {
        private final InputStream in;
        private byte[] data = new byte[BUFFER];
        private int at;
        private int end;

        Reader(InputStream in) {
            this.in = in;
        }

        /** The next record, or {@code null} at the end. */
        String[] next() {
            String[] r = new String[fields];
            for (int i = 0; i < fields; i++) {
                if (!fill(4)) {
                    if (i == 0) return null;
                    throw new UncheckedIOException(new IOException(file + ": truncated record"));
                }
                int n = ((data[at] & 0xFF) << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8)
                        | (data[at + 3] & 0xFF);
                at += 4;
                if (!fill(n)) throw new UncheckedIOException(new IOException(file + ": truncated record"));
                r[i] = new String(data, at, n, StandardCharsets.UTF_8);
                at += n;
            }
            return r;
        }

        /** Makes {@code n} bytes available from {@code at}; false at the end of the file. */
        private boolean fill(int n) {
            if (end - at >= n) return true;
            try {
                System.arraycopy(data, at, data, 0, end - at);
                end -= at;
                at = 0;
                if (n > data.length) data = java.util.Arrays.copyOf(data, n);
                while (end < n) {
                    int got = in.read(data, end, data.length - end);
                    if (got < 0) return false;
                    end += got;
                }
                return true;
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
        if (out != null) {
            out.close();
            out = null;
        }
        Files.deleteIfExists(file);
    }
}
