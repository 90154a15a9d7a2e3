package dev.rex.gqa.npy;

import java.io.IOException;

/** A malformed or unexpected .npy file; the message names the file and what was wrong. */
public final class NpyException extends IOException {
    public NpyException(String message) {
        super(message);
    }
}
