package dev.rex.gqa.semantics;

import java.util.List;

/**
 * One abstracted program step, the 4-tuple of {@code process_semantics_exp.py}:
 * {@code (operation, argument, object 1, object 2)}.
 *
 * @param operation    one of the twelve template names (select, relate, query, exist, filter, verify, common,
 *                     same, different, compare, and, or)
 * @param argument     the attribute / relation / category, or {@code null} for the original's integer -1
 * @param objectRef    object 1 when it is an object reference ({@code "obj:123"}, {@code "obj:1,2"},
 *                     {@code "obj*:table"}); {@code null} when object 1 is a dependency list
 * @param dependencies object 1 when it is a list of step indices ({@code null} when {@code objectRef} is set)
 * @param dependencies2 object 2: a list of step indices, or {@code null} for the original's -1
 */
public record AbstractStep(String operation, String argument, String objectRef, List<Integer> dependencies,
                           List<Integer> dependencies2) {
    public AbstractStep {
        if ((objectRef == null) == (dependencies == null)) {
            throw new IllegalArgumentException("object 1 is either an object reference or a dependency list");
        }
        if (dependencies != null) dependencies = List.copyOf(dependencies);
        if (dependencies2 != null) dependencies2 = List.copyOf(dependencies2);
    }

    public static AbstractStep withObject(String operation, String argument, String objectRef, List<Integer> deps2) {
        return new AbstractStep(operation, argument, objectRef, null, deps2);
    }

    public static AbstractStep withDependencies(String operation, String argument, List<Integer> deps,
                                                List<Integer> deps2) {
        return new AbstractStep(operation, argument, null, deps, deps2);
    }
}
