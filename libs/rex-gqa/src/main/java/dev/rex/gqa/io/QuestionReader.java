package dev.rex.gqa.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rex.gqa.model.Annotations;
import dev.rex.gqa.model.GqaQuestion;
import dev.rex.gqa.model.SemanticStep;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams a GQA question file ({@code qid → question}) one question at a time with Jackson's streaming parser:
 * memory stays flat whatever the file size (the 14M-question unbalanced files included). Fields the chain does not
 * read are skipped without being built. A record with a missing or mistyped field comes out as an invalid
 * {@link QuestionEntry} naming qid and field; a file that is not a JSON object of objects stops with a
 * {@link GqaFormatException} naming file and byte offset.
 */
public final class QuestionReader implements Iterator<QuestionEntry>, Closeable {
    // no String.intern() of field names: the top-level names are millions of distinct qids / imageIds
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

    private final Path file;
    private final JsonParser parser;
    private final long size;
    private final boolean full;
    private QuestionEntry next;
    private boolean done;

    public QuestionReader(Path file) {
        this(file, true);
    }

    /**
     * @param annotations whether to read GQA's {@code annotations}, {@code question} and {@code fullAnswer} texts (the
     *                    GQA-REX chain needs none of them: without, they are skipped and left null/empty)
     */
    public QuestionReader(Path file, boolean annotations) {
        this.file = file;
        this.full = annotations;
        try {
            this.size = Files.size(file);
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            this.parser = JSON.createParser(in);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new GqaFormatException(file + ": a GQA question file is a JSON object qid → question; "
                        + "this one does not start with '{'");
            }
        } catch (IOException e) {
            throw new GqaFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Bytes of the file consumed so far (for progress estimates). */
    public long bytesRead() {
        return parser.currentLocation().getByteOffset();
    }

    public long fileSize() {
        return size;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) next = read();
        return next != null;
    }

    @Override
    public QuestionEntry next() {
        if (!hasNext()) throw new NoSuchElementException();
        QuestionEntry e = next;
        next = null;
        return e;
    }

    private QuestionEntry read() {
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_OBJECT || t == null) {
                done = true;
                return null;
            }
            String qid = parser.currentName();
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return QuestionEntry.invalid(qid, "the question is not a JSON object");
            }
            return readQuestion(qid);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new GqaFormatException(file + ": malformed JSON at byte " + e.getLocation().getByteOffset()
                    + " (" + e.getOriginalMessage() + "); re-download or repair the file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    private QuestionEntry readQuestion(String qid) throws IOException {
        String imageId = null;
        String question = null;
        String answer = null;
        String fullAnswer = null;
        List<SemanticStep> semantic = null;
        Annotations annotations = Annotations.EMPTY;
        String detailedType = null;
        String problem = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken v = parser.nextToken();
            switch (field) {
                case "imageId" -> {
                    if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) imageId = parser.getText();
                    else problem = first(problem, "field 'imageId' is not a string");
                }
                case "question" -> {
                    if (v == JsonToken.VALUE_STRING) question = full ? parser.getText() : null;
                    else problem = first(problem, "field 'question' is not a string");
                }
                case "answer" -> {
                    if (v == JsonToken.VALUE_STRING) answer = parser.getText();
                    else if (v != JsonToken.VALUE_NULL) problem = first(problem, "field 'answer' is not a string");
                }
                case "fullAnswer" -> {
                    if (v == JsonToken.VALUE_STRING && full) fullAnswer = parser.getText();
                    else parser.skipChildren();
                }
                case "semantic" -> {
                    if (v == JsonToken.START_ARRAY) {
                        semantic = new ArrayList<>(6);
                        String p = readProgram(semantic);
                        if (p != null) problem = first(problem, p);
                    } else {
                        parser.skipChildren();
                        problem = first(problem, "field 'semantic' is not a list");
                    }
                }
                case "annotations" -> {
                    if (v == JsonToken.START_OBJECT && full) annotations = readAnnotations();
                    else parser.skipChildren();
                }
                case "types" -> {
                    if (v == JsonToken.START_OBJECT) detailedType = readDetailedType();
                    else parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
        if (problem == null && imageId == null) problem = "field 'imageId' is missing";
        if (problem == null && semantic == null) problem = "field 'semantic' is missing";
        if (problem == null && answer == null) problem = "field 'answer' is missing";
        if (problem != null) return QuestionEntry.invalid(qid, "question " + qid + ": " + problem);
        return QuestionEntry.ok(new GqaQuestion(qid, imageId, question, answer, fullAnswer, semantic, annotations,
                detailedType));
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** Reads the semantic array (the parser is on its START_ARRAY); returns a problem or null. */
    private String readProgram(List<SemanticStep> out) throws IOException {
        String problem = null;
        int index = 0;
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                parser.skipChildren();
                problem = first(problem, "semantic[" + index + "] is not an object");
                index++;
                continue;
            }
            String op = null;
            String arg = null;
            List<Integer> deps = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String f = parser.currentName();
                JsonToken v = parser.nextToken();
                switch (f) {
                    case "operation" -> {
                        if (v == JsonToken.VALUE_STRING) op = parser.getText();
                    }
                    case "argument" -> {
                        if (v == JsonToken.VALUE_STRING) arg = parser.getText();
                    }
                    case "dependencies" -> {
                        if (v == JsonToken.START_ARRAY) {
                            deps = new ArrayList<>(2);
                            while ((v = parser.nextToken()) != JsonToken.END_ARRAY) {
                                if (v == JsonToken.VALUE_NUMBER_INT) {
                                    deps.add(parser.getIntValue());
                                } else {
                                    parser.skipChildren();
                                    problem = first(problem, "semantic[" + index + "].dependencies holds a "
                                            + "non-integer");
                                }
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            // a missing argument is left to the abstraction: the original reads it only for some operations
            if (op == null) problem = first(problem, "semantic[" + index + "].operation is missing or not a string");
            else if (deps == null) problem = first(problem, "semantic[" + index + "].dependencies is missing or not a list");
            if (op != null && deps != null) out.add(new SemanticStep(op, arg, List.copyOf(deps)));
            index++;
        }
        return problem;
    }

    /** {@code types.detailed} (the parser is on the START_OBJECT of {@code types}), or null. */
    private String readDetailedType() throws IOException {
        String detailed = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String f = parser.currentName();
            JsonToken v = parser.nextToken();
            if (f.equals("detailed") && v == JsonToken.VALUE_STRING) detailed = parser.getText();
            else parser.skipChildren();
        }
        return detailed;
    }

    private Annotations readAnnotations() throws IOException {
        Map<String, String> q = Map.of();
        Map<String, String> a = Map.of();
        Map<String, String> f = Map.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String part = parser.currentName();
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String span = parser.currentName();
                JsonToken v = parser.nextToken();
                if (v == JsonToken.VALUE_STRING) m.put(span, parser.getText());
                else parser.skipChildren();
            }
            switch (part) {
                case "question" -> q = m;
                case "answer" -> a = m;
                case "fullAnswer" -> f = m;
                default -> { }
            }
        }
        return new Annotations(q, a, f);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
