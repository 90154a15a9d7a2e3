package dev.rex.gqa.program;

import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.build.RejectionCode;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.semantics.AbstractStep;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Stage 2 ({@code program_executor.py} + {@code exp_generator.py}): runs an abstracted program over the image's
 * scene graph and writes the raw explanation. The program is walked from its last step; each step fills its
 * template, recursing into its dependencies (again each time a dependency is mentioned, as the original does:
 * the gender side effect of {@code same}/{@code different} depends on how often a step runs).
 */
public final class ProgramExecutor {
    /** Deeper nesting than any GQA program; the original would hit Python's recursion limit on a cycle. */
    private static final int MAX_DEPTH = 200;
    /** Bound on step evaluations per question, against programs whose shared dependencies blow up. */
    private static final int MAX_CALLS = 100_000;

    private final AttributeTable table;

    public ProgramExecutor(AttributeTable table) {
        this.table = table;
    }

    public ProgramExecutor() {
        this(AttributeTable.standard());
    }

    /**
     * The raw explanation of one question, with the generator's string repairs applied, or {@code null} when the
     * original drops it (it mentions {@code (obj*:direction)}).
     *
     * @param random the source of the random attribute choice of same/different (created lazily by the caller:
     *               seeded per question, so results do not depend on the order questions are processed in)
     * @throws RejectedException when the original would fail on this question
     */
    public String explain(List<AbstractStep> program, SceneGraph graph, ImageState state,
                          java.util.function.Supplier<RandomGenerator> random) {
        if (program.isEmpty()) {
            throw new RejectedException(RejectionCode.MISSING_DEPENDENCY, "the program has no steps");
        }
        Run run = new Run(program, graph, state, random);
        String exp = run.step(-1, 0);
        exp = exp.replace("there is no there is no", "there is no").replace("(-)", "");
        exp = exp.replace("there is neither there is no", "there is neither");
        exp = exp.replace("nor there is no", "nor");
        return exp.contains("(obj*:direction)") ? null : exp;
    }

    /** The state of one program run. */
    private final class Run {
        final List<AbstractStep> program;
        final Actions actions;
        int calls;

        Run(List<AbstractStep> program, SceneGraph graph, ImageState state,
            java.util.function.Supplier<RandomGenerator> random) {
            this.program = program;
            this.actions = new Actions(graph, state, table, random);
        }

        String step(int rawIndex, int depth) {
            if (depth > MAX_DEPTH || ++calls > MAX_CALLS) {
                throw new RejectedException(RejectionCode.CYCLIC_PROGRAM,
                        "step " + rawIndex + ": dependencies loop or nest deeper than " + MAX_DEPTH);
            }
            int idx = rawIndex < 0 ? rawIndex + program.size() : rawIndex; // Python list indexing
            if (idx < 0 || idx >= program.size()) {
                throw new RejectedException(RejectionCode.MISSING_DEPENDENCY,
                        "a dependency names step " + rawIndex + " of a " + program.size() + "-step program");
            }
            AbstractStep s = program.get(idx);
            Template template = Template.forOperation(s.operation());
            String attr = s.argument();
            String object = null;
            List<String> dependency = template.action() == null ? null : new ArrayList<>(4);
            // templates without an action join their parts with spaces; SELECT has a single part
            StringBuilder joined = template.action() == null && template.parts().size() > 1 ? new StringBuilder() : null;
            String single = null;
            int partIndex = 0;
            for (Template.Part part : template.parts()) {
                String text;
                switch (part.kind()) {
                    case WORD -> text = part.word();
                    case ARG -> {
                        if ("name".equals(attr)) {
                            // the argument "name" stands for the name of the object its first dependency yields
                            String described = step(firstDependency(s, idx), depth + 1);
                            attr = actions.object(actions.validateObj(described, "step " + idx)).name();
                        }
                        if (attr == null) {
                            throw new RejectedException(RejectionCode.MALFORMED_ARGUMENT,
                                    "step " + idx + " (" + s.operation() + ") has no argument");
                        }
                        text = attr;
                    }
                    case OBJ -> {
                        if (s.objectRef() == null) {
                            throw new RejectedException(RejectionCode.MISSING_DEPENDENCY,
                                    "step " + idx + " (" + s.operation() + ") needs an object, has dependencies");
                        }
                        text = renderObject(s.objectRef());
                        object = text;
                    }
                    case DEP1 -> {
                        if (s.dependencies() == null) {
                            throw new RejectedException(RejectionCode.MISSING_DEPENDENCY,
                                    "step " + idx + " (" + s.operation() + ") needs dependencies, has an object");
                        }
                        StringBuilder sb = new StringBuilder();
                        for (int i = 0; i < s.dependencies().size(); i++) {
                            if (i > 0) sb.append(',');
                            sb.append(step(s.dependencies().get(i), depth + 1));
                        }
                        text = sb.toString();
                    }
                    case DEP2 -> {
                        if (s.dependencies2() == null || s.dependencies2().isEmpty()) {
                            throw new RejectedException(RejectionCode.MISSING_DEPENDENCY,
                                    "step " + idx + " (" + s.operation() + ") has no second dependency");
                        }
                        text = step(s.dependencies2().get(0), depth + 1);
                    }
                    default -> text = null; // the action runs once all parts are known
                }
                if (template.action() == null) {
                    if (joined == null) {
                        single = text;
                    } else {
                        if (partIndex > 0) joined.append(' ');
                        joined.append(text);
                    }
                } else if (part.kind() == Template.Kind.DEP1 || part.kind() == Template.Kind.DEP2) {
                    dependency.addAll(splitComma(text));
                }
                partIndex++;
            }
            if (template.action() == null) return joined == null ? single : joined.toString();
            return actions.run(template.action(), attr, object, dependency, "step " + idx);
        }

        private int firstDependency(AbstractStep s, int idx) {
            if (s.dependencies() == null || s.dependencies().isEmpty()) {
                throw new RejectedException(RejectionCode.MISSING_DEPENDENCY,
                        "step " + idx + " (" + s.operation() + "): argument 'name' without a dependency");
            }
            return s.dependencies().get(0);
        }
    }

    /** {@code (obj:1)} for one id; {@code (obj:1),(obj:2)} for several; {@code (obj*:x)} for a missing object. */
    static String renderObject(String ref) {
        if (ref.indexOf(',') < 0) return "(" + ref + ")";
        List<String> ids = dev.rex.gqa.text.PyText.split(ref, ",");
        StringBuilder sb = new StringBuilder("(").append(ids.get(0)).append(')');
        for (int i = 1; i < ids.size(); i++) sb.append(",(obj:").append(ids.get(i)).append(')');
        return sb.toString();
    }

    static List<String> splitComma(String s) {
        return s.indexOf(',') < 0 ? List.of(s) : dev.rex.gqa.text.PyText.split(s, ",");
    }
}
