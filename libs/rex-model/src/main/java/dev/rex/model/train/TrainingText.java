package dev.rex.model.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The text conventions of the original training code ({@code dataloader.py}, {@code generate_dictionary.py}):
 * how a question and an explanation are cut into words, and the answer normalisation {@code ANS_CONVERT} (rex-gqa's).
 */
public final class TrainingText {
    private TrainingText() {
    }

    /** The answer as the model's answer vocabulary and the VQA accuracy see it. */
    public static String convertAnswer(String answer) {
        return dev.rex.gqa.dict.Dictionaries.convertAnswer(answer);
    }

    /**
     * The question as fed to the BERT tokenizer: {@code ','} becomes a space, {@code '.'} is removed, and runs of
     * spaces collapse (the original splits on single spaces and drops empty pieces).
     */
    public static String cleanQuestion(String question) {
        return String.join(" ", splitOnSpaces(question.replace(',', ' ').replace(".", "")));
    }

    /** Number of words of a cleaned question (the {@code max_qlen} filter counts these). */
    public static int questionWords(String cleanedQuestion) {
        return cleanedQuestion.isEmpty() ? 1 : cleanedQuestion.split(" ", -1).length;
    }

    /**
     * The words of a converted explanation: {@code '?'} and {@code '.'} removed, {@code ','} turned into a space,
     * split on single spaces, empty pieces dropped.
     */
    public static List<String> explanationWords(String explanation) {
        if (explanation == null) return List.of();
        return splitOnSpaces(explanation.replace("?", "").replace(',', ' ').replace(".", ""));
    }

    private static List<String> splitOnSpaces(String s) {
        List<String> out = new ArrayList<>();
        for (String piece : s.split(" ", -1)) {
            if (!piece.isEmpty()) out.add(piece);
        }
        return out;
    }
}
