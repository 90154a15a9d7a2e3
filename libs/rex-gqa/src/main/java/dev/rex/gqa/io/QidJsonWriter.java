package dev.rex.gqa.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rex.gqa.semantics.AbstractStep;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Streams a JSON object {@code key → value} to a file, one entry at a time (the GQA-REX output files:
 * qid → explanation, qid → abstracted program, qid → rejection; and the small dictionaries).
 */
public final class QidJsonWriter implements Closeable {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private final JsonGenerator g;

    public QidJsonWriter(Path file) {
        try {
            g = JSON.createGenerator(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                    JsonEncoding.UTF8);
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public void string(String key, String value) {
        try {
            g.writeStringField(key, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void integer(String key, int value) {
        try {
            g.writeNumberField(key, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An abstracted program as the original's list of 4-element lists ({@code -1} for absent fields). */
    public void program(String key, List<AbstractStep> steps) {
        try {
            g.writeFieldName(key);
            g.writeStartArray();
            for (AbstractStep s : steps) {
                g.writeStartArray();
                g.writeString(s.operation());
                if (s.argument() == null) g.writeNumber(-1);
                else g.writeString(s.argument());
                if (s.objectRef() != null) g.writeString(s.objectRef());
                else ints(s.dependencies());
                if (s.dependencies2() == null) g.writeNumber(-1);
                else ints(s.dependencies2());
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ints(List<Integer> xs) throws IOException {
        g.writeStartArray();
        for (int x : xs) g.writeNumber(x);
        g.writeEndArray();
    }

    /** A flat object of string fields. */
    public void object(String key, Map<String, String> fields) {
        try {
            g.writeObjectFieldStart(key);
            for (Map.Entry<String, String> e : fields.entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A list of strings. */
    public void strings(String key, List<String> values) {
        try {
            g.writeArrayFieldStart(key);
            for (String v : values) g.writeString(v);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            g.writeEndObject();
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
