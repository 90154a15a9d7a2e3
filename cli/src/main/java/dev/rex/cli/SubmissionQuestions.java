package dev.rex.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/**
 * The questions of a GQA question file read for answering only: qid, image and text, streamed. Unlike the dataset
 * chain's reader it needs neither answers nor programs, which GQA's test-standard / challenge files
 * ({@code submission_all_questions.json}) do not have.
 */
final class SubmissionQuestions implements SplitAnswers.Source, AutoCloseable {
    private final Path file;
    private final JsonParser parser;
    private final long size;
    private SplitAnswers.Asked next;

    SubmissionQuestions(Path file) throws IOException {
        this.file = file;
        this.size = Files.size(file);
        this.parser = new JsonFactory().createParser(file.toFile());
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(file + ": a GQA question file is a JSON object qid -> question");
        }
        advance();
    }

    private void advance() throws IOException {
        next = null;
        while (next == null && parser.nextToken() == JsonToken.FIELD_NAME) {
            String qid = parser.currentName();
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(file + ": question " + qid + " is not a JSON object");
            }
            String imageId = null;
            String question = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken v = parser.nextToken();
                if (field.equals("imageId") && v.isScalarValue()) imageId = parser.getText();
                else if (field.equals("question") && v == JsonToken.VALUE_STRING) question = parser.getText();
                else parser.skipChildren();
            }
            if (imageId == null || question == null) {
                throw new IllegalArgumentException(file + ": question " + qid + " has no "
                        + (imageId == null ? "imageId" : "question text"));
            }
            next = new SplitAnswers.Asked(qid, imageId, question);
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public SplitAnswers.Asked next() {
        if (next == null) throw new NoSuchElementException();
        SplitAnswers.Asked out = next;
        try {
            advance();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public long bytesRead() {
        return parser.currentLocation().getByteOffset();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
