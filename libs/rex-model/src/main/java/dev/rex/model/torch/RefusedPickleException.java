package dev.rex.model.torch;

/**
 * A weights file that we will not read: a pickled global outside what a state dict needs, an opcode that would
 * build arbitrary objects, or a malformed pickle. The message names what was refused (and the file, once known).
 */
public final class RefusedPickleException extends IllegalArgumentException {
    private final boolean located;

    public RefusedPickleException(String message) {
        this(message, false);
    }

    private RefusedPickleException(String message, boolean located) {
        super(message);
        this.located = located;
    }

    /** The same error with the file it came from in front, once. */
    RefusedPickleException in(String source) {
        if (located) return this;
        RefusedPickleException e = new RefusedPickleException(source + ": " + getMessage(), true);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
