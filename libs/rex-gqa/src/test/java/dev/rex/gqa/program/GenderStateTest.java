package dev.rex.gqa.program;

import dev.rex.gqa.build.QuestionSeeds;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.model.SceneObject;
import dev.rex.gqa.model.SemanticStep;
import dev.rex.gqa.semantics.AbstractStep;
import dev.rex.gqa.semantics.SemanticsAbstraction;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenderStateTest {
    private static final ProgramExecutor EXECUTOR = new ProgramExecutor();

    private static SceneGraph graph() {
        Map<String, SceneObject> objects = new LinkedHashMap<>();
        objects.put("1", new SceneObject("1", "woman", 10, 10, 10, 10, true, List.of("red", "blue"), List.of()));
        objects.put("2", new SceneObject("2", "man", 60, 10, 10, 10, true, List.of("green", "white"), List.of()));
        return new SceneGraph("9", 100, 100, null, null, objects);
    }

    private static List<AbstractStep> program(SemanticStep... steps) {
        return SemanticsAbstraction.abstractProgram(List.of(steps));
    }

    private static String run(List<AbstractStep> p, ImageState state, String qid, long seed) {
        return EXECUTOR.explain(p, graph(), state, () -> QuestionSeeds.forQuestion(seed, qid));
    }

    private static final List<AbstractStep> VERIFY_FEMALE = program(
            new SemanticStep("select", "woman (1)", List.of()), new SemanticStep("verify gender", "female", List.of(0)));
    private static final List<AbstractStep> DIFFERENT_GENDER = program(
            new SemanticStep("select", "woman (1)", List.of()), new SemanticStep("select", "man (2)", List.of()),
            new SemanticStep("different", "gender", List.of(0, 1)));

    @Test
    void aGenderComparisonChangesLaterQuestionsOnTheSameImage() {
        ImageState state = ImageState.fresh();
        assertEquals("(obj:1) is not female", run(VERIFY_FEMALE, state, "q1", 0));
        assertEquals("(obj:1) is female,(obj:2) is male", run(DIFFERENT_GENDER, state, "q2", 0));
        assertTrue(state.changed());
        assertEquals("(obj:1) is female", run(VERIFY_FEMALE, state, "q3", 0));
        // another image (or a service without batch state) is not affected
        assertEquals("(obj:1) is not female", run(VERIFY_FEMALE, ImageState.fresh(), "q3", 0));
    }

    @Test
    void randomChoiceIsSeededPerQuestion() {
        List<AbstractStep> differentColor = program(
                new SemanticStep("select", "woman (1)", List.of()), new SemanticStep("select", "man (2)", List.of()),
                new SemanticStep("different color", "", List.of(0, 1)));
        String first = run(differentColor, ImageState.fresh(), "q7", 42);
        for (int i = 0; i < 5; i++) assertEquals(first, run(differentColor, ImageState.fresh(), "q7", 42));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 64; i++) seen.add(run(differentColor, ImageState.fresh(), "q" + i, 42));
        assertEquals(4, seen.size(), "each object's colour is drawn from its two: " + seen);
        assertTrue(seen.contains("(obj:1) is red,(obj:2) is green"));
    }
}
