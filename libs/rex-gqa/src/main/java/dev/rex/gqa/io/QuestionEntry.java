package dev.rex.gqa.io;

import dev.rex.gqa.model.GqaQuestion;

/**
 * One record of a GQA question file: the question, or (when a field the chain reads is missing or of the wrong
 * type) the qid with the problem, naming the field. Exactly one of {@code question} and {@code problem} is set.
 */
public record QuestionEntry(String qid, GqaQuestion question, String problem) {
    public static QuestionEntry ok(GqaQuestion q) {
        return new QuestionEntry(q.qid(), q, null);
    }

    public static QuestionEntry invalid(String qid, String problem) {
        return new QuestionEntry(qid, null, problem);
    }

    public boolean valid() {
        return question != null;
    }
}
