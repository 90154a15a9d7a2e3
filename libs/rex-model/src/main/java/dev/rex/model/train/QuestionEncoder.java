package dev.rex.model.train;

/** Turns a cleaned question into BERT token ids, {@code [CLS]} first and {@code [SEP]} last, no padding. */
@FunctionalInterface
public interface QuestionEncoder {
    long[] encode(String question);
}
