package dev.rex.gqa.build;

import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.QuestionReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The questions of a split's files in chunks, in file order. With {@code prefetch}, a reader thread parses the next
 * chunks while the caller works on the current one (parsing is the largest sequential part of the build); at most
 * two chunks wait, so memory stays bounded.
 */
final class ChunkReader implements AutoCloseable {
    private static final List<QuestionEntry> END = List.of();

    private final List<Path> files;
    private final int size;
    private final AtomicLong bytes = new AtomicLong();
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private int fileIndex;
    private QuestionReader current;
    private long bytesBefore;
    private volatile boolean closed;

    ChunkReader(List<Path> files, int size, boolean prefetch) {
        this.files = files;
        this.size = size;
        if (prefetch) {
            queue = new ArrayBlockingQueue<>(2);
            thread = new Thread(this::produce, "gqa-rex-reader");
            thread.setDaemon(true);
            thread.start();
        } else {
            queue = null;
            thread = null;
        }
    }

    /** The next chunk; empty at the end. Reading errors surface here, on the caller's thread. */
    @SuppressWarnings("unchecked")
    List<QuestionEntry> next() {
        if (queue == null) return read();
        try {
            Object o = queue.take();
            if (o instanceof RuntimeException e) throw e;
            if (o instanceof Error e) throw e;
            return (List<QuestionEntry>) o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading questions", e);
        }
    }

    /** Bytes of the files parsed so far. */
    long bytesRead() {
        return bytes.get();
    }

    private void produce() {
        try {
            while (!closed) {
                List<QuestionEntry> chunk = read();
                queue.put(chunk);
                if (chunk.isEmpty()) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            try {
                queue.put(e);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<QuestionEntry> read() {
        List<QuestionEntry> chunk = new ArrayList<>(size);
        while (chunk.size() < size) {
            if (current == null) {
                if (fileIndex >= files.size()) break;
                current = new QuestionReader(files.get(fileIndex++), false);
            }
            if (current.hasNext()) {
                chunk.add(current.next());
            } else {
                bytesBefore += current.fileSize();
                current.close();
                current = null;
            }
        }
        bytes.set(bytesBefore + (current == null ? 0 : current.bytesRead()));
        return chunk.isEmpty() ? END : chunk;
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (current != null) current.close();
    }
}
