package dev.rex.gqa.io;

import dev.rex.gqa.semantics.AbstractStep;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Streams a JSON object {@code key → value} to a file, one entry at a time (the GQA-REX output files:
 * qid → explanation, qid → abstracted program, qid → rejection; and the small dictionaries). UTF-8, compact.
 * Encodes straight into its own buffer: the build writes five such files per question, and a general JSON
 * generator's per-value bookkeeping was a noticeable part of the build's time.
 */
public final class QidJsonWriter implements Closeable {
    private final Path file;
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private boolean first = true;

    public QidJsonWriter(Path file) {
        this.file = file;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        buf[pos++] = '{';
    }

    public void string(String key, String value) {
        key(key);
        text(value);
    }

    public void integer(String key, int value) {
        key(key);
        ascii(Integer.toString(value));
    }

    /** An abstracted program as the original's list of 4-element lists ({@code -1} for absent fields). */
    public void program(String key, List<AbstractStep> steps) {
        key(key);
        raw('[');
        for (int i = 0; i < steps.size(); i++) {
            AbstractStep s = steps.get(i);
            if (i > 0) raw(',');
            raw('[');
            text(s.operation());
            raw(',');
            if (s.argument() == null) ascii("-1");
            else text(s.argument());
            raw(',');
            if (s.objectRef() != null) text(s.objectRef());
            else ints(s.dependencies());
            raw(',');
            if (s.dependencies2() == null) ascii("-1");
            else ints(s.dependencies2());
            raw(']');
        }
        raw(']');
    }

    /** A flat object of string fields. */
    public void object(String key, Map<String, String> fields) {
        key(key);
        raw('{');
        boolean firstField = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!firstField) raw(',');
            firstField = false;
            text(e.getKey());
            raw(':');
            text(e.getValue());
        }
        raw('}');
    }

    /** A list of strings. */
    public void strings(String key, List<String> values) {
        key(key);
        raw('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) raw(',');
            text(values.get(i));
        }
        raw(']');
    }

    private void key(String key) {
        if (!first) raw(',');
        first = false;
        text(key);
        raw(':');
    }

    private void ints(List<Integer> xs) {
        raw('[');
        for (int i = 0; i < xs.size(); i++) {
            if (i > 0) raw(',');
            ascii(Integer.toString(xs.get(i)));
        }
        raw(']');
    }

    private void raw(char c) {
        if (pos == buf.length) flush();
        buf[pos++] = (byte) c;
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) raw(s.charAt(i));
    }

    /** A JSON string literal: '"', '\\' and control characters escaped, everything else as UTF-8. */
    private void text(String s) {
        raw('"');
        int n = s.length();
        // at most 6 bytes per char (\\u escapes; 4-byte UTF-8 takes two chars): one capacity check per short string
        boolean roomy = (long) n * 6 + 1 <= buf.length - pos || (long) n * 6 + 1 <= buf.length && flushed();
        for (int i = 0; i < n; i++) {
            if (!roomy && pos > buf.length - 12) flush();
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    buf[pos++] = (byte) c;
                } else {
                    escape(c);
                }
            } else if (c < 0x800) {
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                escape(c); // a lone surrogate cannot be UTF-8: keep it as JSON escapes it
            } else {
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        raw('"');
    }

    private boolean flushed() {
        flush();
        return true;
    }

    private void escape(char c) {
        buf[pos++] = '\\';
        switch (c) {
            case '"' -> buf[pos++] = '"';
            case '\\' -> buf[pos++] = '\\';
            case '\n' -> buf[pos++] = 'n';
            case '\r' -> buf[pos++] = 'r';
            case '\t' -> buf[pos++] = 't';
            case '\b' -> buf[pos++] = 'b';
            case '\f' -> buf[pos++] = 'f';
            default -> {
                String hex = Integer.toHexString(c);
                buf[pos++] = 'u';
                for (int k = hex.length(); k < 4; k++) buf[pos++] = '0';
                for (int k = 0; k < hex.length(); k++) buf[pos++] = (byte) hex.charAt(k);
            }
        }
    }

    private void flush() {
        try {
            out.write(buf, 0, pos);
            pos = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    @Override
    public void close() {
        raw('}');
        flush();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
