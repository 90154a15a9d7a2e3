package dev.rex.gqa.io;

/**
 * A GQA input file that cannot be read at all (not JSON, not an object of objects). Says which file, where,
 * and what to do. Per-record problems are not exceptions: they become rejections naming the record and field.
 */
public final class GqaFormatException extends IllegalArgumentException {
    public GqaFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    public GqaFormatException(String message) {
        super(message);
    }
}
