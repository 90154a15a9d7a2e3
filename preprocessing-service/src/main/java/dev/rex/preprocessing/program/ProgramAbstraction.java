package dev.rex.preprocessing.program;

import dev.rex.events.ProgramEvent;
import dev.rex.events.QuestionEvent;
import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.model.SemanticStep;
import dev.rex.gqa.semantics.AbstractStep;
import dev.rex.gqa.semantics.SemanticsAbstraction;

import java.util.List;

/**
 * Adapter from the event contract to rex-gqa's semantics abstraction (ARCHITECTURE §5, stage 1 of the functional program):
 * GQA program steps in, REX's {@code (operation, argument, obj1, obj2)} steps out, as {@link ProgramEvent} steps.
 * The original's {@code -1} becomes null; an empty dependency list stays an empty list.
 */
public final class ProgramAbstraction {
    /** The abstracted program, or why the question has none (a recorded rejection, never a crash). */
    public record Result(List<ProgramEvent.ProgramStep> program, String code, String detail) {
        public boolean rejected() {
            return code != null;
        }

        /** {@code CODE: detail}, or null when the program abstracted. */
        public String rejection() {
            return code == null ? null : code + ": " + detail;
        }
    }

    private ProgramAbstraction() {
    }

    public static Result of(QuestionEvent question) {
        List<SemanticStep> steps = question.semantic().stream()
                .map(s -> new SemanticStep(s.operation(), s.argument(), s.dependencies())).toList();
        try {
            return new Result(SemanticsAbstraction.abstractProgram(steps).stream().map(ProgramAbstraction::step).toList(),
                    null, null);
        } catch (RejectedException e) {
            return new Result(List.of(), e.code().name(), e.detail());
        } catch (RuntimeException e) { // a bug of ours must not stop the stream: recorded as the batch build does
            return new Result(List.of(), "INTERNAL_ERROR", "unexpected " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    private static ProgramEvent.ProgramStep step(AbstractStep a) {
        ProgramEvent.Operand first = a.objectRef() != null
                ? new ProgramEvent.Operand(List.of(), a.objectRef())
                : new ProgramEvent.Operand(a.dependencies(), null);
        ProgramEvent.Operand second = a.dependencies2() == null ? null : new ProgramEvent.Operand(a.dependencies2(), null);
        return new ProgramEvent.ProgramStep(a.operation(), a.argument(), first, second);
    }
}
