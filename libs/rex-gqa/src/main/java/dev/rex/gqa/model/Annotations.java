package dev.rex.gqa.model;

import java.util.Map;

/** GQA's per-question {@code annotations}: for each part, token span ("2" or "3:5") → object id(s). */
public record Annotations(Map<String, String> question, Map<String, String> answer, Map<String, String> fullAnswer) {
    public static final Annotations EMPTY = new Annotations(Map.of(), Map.of(), Map.of());

    public Annotations {
        question = Map.copyOf(question);
        answer = Map.copyOf(answer);
        fullAnswer = Map.copyOf(fullAnswer);
    }
}
