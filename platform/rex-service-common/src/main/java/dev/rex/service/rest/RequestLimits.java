package dev.rex.service.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Shape limits of every REST request body, applied to the ObjectMapper Quarkus binds bodies with (and to any mapper a
 * resource makes with {@link #mapper()}): no REX request nests deeper than a handful of levels, so 100,000 brackets
 * are a 400 after {@value #MAX_NESTING_DEPTH} levels, not a stack overflow. The byte size of a body is capped by
 * {@code quarkus.http.limits.max-body-size} (413 beyond it).
 */
@Singleton
public class RequestLimits implements ObjectMapperCustomizer {
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest JSON string value: far above any question, path or name, far below a record the broker refuses. */
    public static final int MAX_STRING_CHARS = 100_000;
    /** Longest question text (GQA's longest question is under 200 characters). */
    public static final int MAX_QUESTION_CHARS = 2_000;
    /** Longest qid (GQA's qids are about 10 characters). */
    public static final int MAX_QID_CHARS = 200;
    /** Longest file path in a request. */
    public static final int MAX_PATH_CHARS = 4_096;
    /** Longest message echoing part of a request (a parse error's excerpt). */
    private static final int MAX_DETAIL_CHARS = 300;

    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH).maxStringLength(MAX_STRING_CHARS).maxNumberLength(100).build();

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(CONSTRAINTS);
    }

    /** A fresh mapper with the request limits, for resources that parse a body themselves. */
    public static ObjectMapper mapper() {
        return new ObjectMapper(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build());
    }

    /** What was wrong with a body, in one line, without echoing more than a short excerpt of it. */
    public static String describe(JsonProcessingException e) {
        String what = e instanceof StreamConstraintsException
                ? "the JSON body exceeds a limit (nesting depth " + MAX_NESTING_DEPTH + ", string length "
                + MAX_STRING_CHARS + "): " + e.getOriginalMessage()
                : "malformed JSON body: " + e.getOriginalMessage();
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            what += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        what = what.replace('\0', ' ');
        return what.length() > MAX_DETAIL_CHARS ? what.substring(0, MAX_DETAIL_CHARS) + "…" : what;
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    /**
     * A name that may become part of a file name (a split, a model name): letters, digits, '_' and '-', at most 64;
     * anything else (a '/', "..", NUL) is a 400 naming {@code field}. Returns the name.
     */
    public static String checkName(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw ProblemException.badRequest(field, field + " must be 1-64 letters, digits, '_' or '-', starting "
                    + "with a letter or digit" + (value == null ? "" : " (was " + value.length() + " characters: "
                    + excerpt(value) + ")"));
        }
        return value;
    }

    /** A short printable excerpt of a request value for an error message. */
    public static String excerpt(String value) {
        String v = value.replaceAll("[\\x00-\\x1f\\x7f]", "?");
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "…" : v) + "'";
    }

    /** 400 naming {@code field} unless {@code value} is at most {@code max} characters. */
    public static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ProblemException.badRequest(field, field + " is " + value.length() + " characters long; at most "
                    + max + " are accepted");
        }
    }
}
