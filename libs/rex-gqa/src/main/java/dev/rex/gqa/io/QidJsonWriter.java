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
        // composed as text and written raw: one generator call instead of ~15 per step
        StringBuilder sb = new StringBuilder(64 * steps.size());
        sb.append('[');
        for (int i = 0; i < steps.size(); i++) {
            AbstractStep s = steps.get(i);
            if (i > 0) sb.append(',');
            sb.append('[');
            quote(sb, s.operation()).append(',');
            if (s.argument() == null) sb.append("-1");
            else quote(sb, s.argument());
            sb.append(',');
            if (s.objectRef() != null) quote(sb, s.objectRef());
            else ints(sb, s.dependencies());
            sb.append(',');
            if (s.dependencies2() == null) sb.append("-1");
            else ints(sb, s.dependencies2());
            sb.append(']');
        }
        sb.append(']');
        try {
            g.writeFieldName(key);
            g.writeRawValue(sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ints(StringBuilder sb, List<Integer> xs) {
        sb.append('[');
        for (int i = 0; i < xs.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(xs.get(i).intValue());
        }
        sb.append(']');
    }

    /** A JSON string literal (escapes '"', '\\' and control characters; other characters as they are). */
    static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"');
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
