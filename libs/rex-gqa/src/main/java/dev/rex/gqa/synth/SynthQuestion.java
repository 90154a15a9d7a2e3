package dev.rex.gqa.synth;

import java.util.List;
import java.util.Map;

/** A generated question with everything GQA's balanced-questions record holds (written by {@link SynthWriter}). */
record SynthQuestion(String question, String answer, String fullAnswer, List<Step> semantic,
                     Map<String, String> questionAnnotations, Map<String, String> answerAnnotations,
                     Map<String, String> fullAnswerAnnotations, String structural, String semanticType,
                     String detailed, String globalGroup, String localGroup) {

    /** One operation of GQA's {@code semantic} program. */
    record Step(String operation, String argument, List<Integer> dependencies) {
    }

    /** GQA's {@code semanticStr}: {@code op: arg [deps]} joined by {@code ->}. */
    String semanticStr() {
        StringBuilder sb = new StringBuilder();
        for (Step st : semantic) {
            if (sb.length() > 0) sb.append("->");
            sb.append(st.operation()).append(':');
            if (!st.argument().isEmpty()) sb.append(' ').append(st.argument());
            if (!st.dependencies().isEmpty()) {
                sb.append(" [");
                for (int i = 0; i < st.dependencies().size(); i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(st.dependencies().get(i));
                }
                sb.append(']');
            }
        }
        return sb.toString();
    }
}
