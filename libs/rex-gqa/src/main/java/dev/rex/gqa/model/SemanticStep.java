package dev.rex.gqa.model;

import java.util.List;

/**
 * One step of a GQA question's reasoning program, as GQA writes it:
 * {@code {"operation": "relate", "argument": "man,wearing,o (3075005)", "dependencies": [0]}}.
 * {@code argument} is null when the record has none (the abstraction rejects the step if it needs one).
 */
public record SemanticStep(String operation, String argument, List<Integer> dependencies) {
    public SemanticStep {
        dependencies = List.copyOf(dependencies);
    }
}
