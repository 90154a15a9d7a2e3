package dev.rex.explanation.persistence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rex.events.EventCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a program's content: SHA-256 of the record as received with its top-level {@code id} value
 * replaced by {@code "-"}. A producer that sends the same question again (a restarted import, a redelivered
 * question) mints a new event id for an identical program; the explanation service recognises it by this and
 * publishes nothing new.
 * <p>
 * The record's own text is hashed rather than the event encoded again: a program carries its image's scene graph and
 * boxes (about 11 KB), and encoding it once more per question cost more than running the chain on it. The producer
 * writes every program with {@link EventCodec}, so the same content gives the same text, and for such a record the
 * result equals the hash of the event encoded anew with the id {@code "-"}.
 */
public final class InputFingerprint {
    private static final String ANY_ID = "\"-\"";

    private InputFingerprint() {
    }

    /** @param payload a {@code rex.programs} record value that {@link EventCodec#decode} accepted */
    public static String of(String payload) {
        String text = withoutId(payload);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The text with the top-level {@code id} string replaced; the envelope writes it first, so this reads little. */
    static String withoutId(String payload) {
        try (JsonParser p = EventCodec.mapper().getFactory().createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a program record is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean id = "id".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (id && value == JsonToken.VALUE_STRING) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    p.getText(); // reads the string to its closing quote
                    int end = (int) p.currentLocation().getCharOffset();
                    return payload.substring(0, start) + ANY_ID + payload.substring(end);
                }
                p.skipChildren();
            }
            throw new IllegalArgumentException("a program record has an id");
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable program record: " + e.getMessage(), e);
        }
    }
}
