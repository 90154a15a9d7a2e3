package dev.rex.gqa.semantics;

import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.build.RejectionCode;
import dev.rex.gqa.model.SemanticStep;
import dev.rex.gqa.text.PyText;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1 ({@code process_semantics_exp.py}): every GQA program step to an {@link AbstractStep}.
 * Object references come from the argument's first parenthesised group when it starts with digits
 * ({@code "shirt (2791501)"} → {@code obj:2791501}, {@code "cups (1,2)"} → {@code obj:1,2}); otherwise the object
 * does not exist in the graph and is written {@code obj*:} + the argument's text before its first comma
 * ({@code "table (-)"} → {@code obj*:table (-)}, {@code "scene"} → {@code obj*:scene}).
 */
public final class SemanticsAbstraction {
    private SemanticsAbstraction() {
    }

    public static List<AbstractStep> abstractProgram(List<SemanticStep> program) {
        List<AbstractStep> out = new ArrayList<>(program.size());
        for (int i = 0; i < program.size(); i++) out.add(abstractStep(i, program.get(i)));
        return out;
    }

    static AbstractStep abstractStep(int index, SemanticStep s) {
        String op = s.operation();
        if (op.equals("exist")) { // the original handles exist before looking at its table
            return AbstractStep.withDependencies("exist", null, s.dependencies(), null);
        }
        OperationRules.Rule rule = OperationRules.lookup(op);
        if (rule == null) {
            throw new RejectedException(RejectionCode.UNKNOWN_OPERATION,
                    "step " + index + ": operation '" + op + "' is not a known GQA operation");
        }
        String arg = s.argument();
        boolean readsArgument = rule.form() == StepForm.ATTRIBUTE || rule.form() == StepForm.RELATION
                || rule.form() == StepForm.OBJECT;
        if (arg == null && readsArgument) {
            throw new RejectedException(RejectionCode.MALFORMED_ARGUMENT,
                    "step " + index + " (" + op + ") has no argument");
        }
        return switch (rule.form()) {
            case ATTRIBUTE -> AbstractStep.withDependencies(rule.operation(), arg, s.dependencies(), null);
            case RELATION -> {
                int first = arg.indexOf(',');
                if (first < 0) {
                    throw new RejectedException(RejectionCode.MALFORMED_ARGUMENT,
                            "step " + index + " (" + op + "): argument '" + arg + "' has no relation part");
                }
                int second = arg.indexOf(',', first + 1);
                String relation = arg.substring(first + 1, second < 0 ? arg.length() : second); // split(',')[1]
                yield AbstractStep.withObject(rule.operation(), relation, objectRef(arg), s.dependencies());
            }
            case OBJECT -> AbstractStep.withObject(rule.operation(), null, objectRef(arg), null);
            case TWO_DEPENDENCIES -> {
                if (s.dependencies().size() < 2) {
                    throw new RejectedException(RejectionCode.MISSING_DEPENDENCY, "step " + index + " (" + op
                            + "): needs two dependencies, has " + s.dependencies());
                }
                yield AbstractStep.withDependencies(rule.operation(), rule.fixedArgument(),
                        List.of(s.dependencies().get(0)), List.of(s.dependencies().get(1)));
            }
            case FIXED_ARGUMENT -> AbstractStep.withDependencies(rule.operation(), rule.fixedArgument(),
                    s.dependencies(), null);
            case EXISTENCE -> AbstractStep.withDependencies("exist", null, s.dependencies(), null);
        };
    }

    /** {@code obj:<group>} when the first parenthesised group starts with a number, else {@code obj*:<name>}. */
    static String objectRef(String argument) {
        String group = PyText.firstParenGroup(argument);
        if (group != null) {
            int comma = group.indexOf(',');
            int end = comma < 0 ? group.length() : comma;
            boolean digits = end > 0;
            for (int i = 0; i < end && digits; i++) digits = Character.isDigit(group.charAt(i)); // str.isdigit()
            if (digits) return "obj:" + group;
        }
        int comma = argument.indexOf(',');
        return "obj*:" + (comma < 0 ? argument : argument.substring(0, comma));
    }
}
