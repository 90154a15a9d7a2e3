package dev.rex.explanation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    private InputFingerprint() {
    }

    public static String of(ProgramEvent program) {
        try {
            ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(EventCodec.encode(program));
            tree.remove("id");
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(EventCodec.mapper().writeValueAsString(tree).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint program " + program.qid(), e);
        }
    }
}
