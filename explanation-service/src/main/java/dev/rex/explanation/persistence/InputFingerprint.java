package dev.rex.explanation.persistence;

import dev.rex.events.EventCodec;
import dev.rex.events.ProgramEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a program's content: SHA-256 of the event as JSON without its {@code id}. A producer that sends
 * the same question again (a restarted import, a redelivered question) mints a new event id for an identical
 * program; the explanation service recognises it by this and publishes nothing new.
 */
public final class InputFingerprint {
    private static final String ANY_ID = "-";

    private InputFingerprint() {
    }

    public static String of(ProgramEvent program) {
        // the event with a constant id, encoded once: a batch fingerprints every program it receives
        ProgramEvent withoutId = new ProgramEvent(ANY_ID, program.correlationId(), program.schemaVersion(),
                program.qid(), program.imageId(), program.split(), program.question(), program.answer(),
                program.program(), program.sceneGraph(), program.boxes(), program.rejection(), program.position());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(EventCodec.encode(withoutId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint program " + program.qid(), e);
        }
    }
}
