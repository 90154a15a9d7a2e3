package dev.rex.gqa.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GQA's per-question {@code annotations}: for each part, token span ("2" or "3:5") → object id(s), each part in
 * file order. The order is part of the data: REX's published grounding fills only the LAST annotated object's box,
 * so the maps keep insertion order (an unordered copy made that score change from JVM to JVM).
 */
public record Annotations(Map<String, String> question, Map<String, String> answer, Map<String, String> fullAnswer) {
    public static final Annotations EMPTY = new Annotations(Map.of(), Map.of(), Map.of());

    public Annotations {
        question = ordered(question);
        answer = ordered(answer);
        fullAnswer = ordered(fullAnswer);
    }

    /**
     * The annotated object ids as the grounding reference takes them: question, then answer, then fullAnswer, each in
     * file order, an id kept at its first appearance.
     */
    public List<String> objectIds() {
        Set<String> ids = new LinkedHashSet<>();
        ids.addAll(question.values());
        ids.addAll(answer.values());
        ids.addAll(fullAnswer.values());
        return List.copyOf(new ArrayList<>(ids));
    }

    private static Map<String, String> ordered(Map<String, String> part) {
        return part == null || part.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(part));
    }
}
