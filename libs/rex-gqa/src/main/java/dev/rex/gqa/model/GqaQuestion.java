package dev.rex.gqa.model;

import java.util.List;

/**
 * A GQA question, reduced to the fields the GQA-REX chain and the models read. The readers skip the other GQA
 * fields ({@code entailed}, {@code equivalent}, {@code groups}, …) without materialising them.
 *
 * @param qid        the question id (the key of the GQA file's top-level object)
 * @param imageId    the image whose scene graph and boxes the program runs on
 * @param question   the question text
 * @param answer     the short answer (dictionaries apply {@code ANS_CONVERT} later, not here)
 * @param fullAnswer the full-sentence answer, or {@code null} when absent
 * @param semantic   the reasoning program, in GQA order (dependencies index into this list)
 * @param annotations GQA's {@code annotations} object: part ("question", "answer", "fullAnswer") → token
 *                   position → object id; empty when absent (grounding evaluation uses it)
 * @param detailedType GQA's {@code types.detailed} (the unit of REX's transfer subsets), or {@code null} when absent
 */
public record GqaQuestion(String qid, String imageId, String question, String answer, String fullAnswer,
                          List<SemanticStep> semantic, Annotations annotations, String detailedType) {
    public GqaQuestion {
        semantic = List.copyOf(semantic);
        if (annotations == null) annotations = Annotations.EMPTY;
    }

    public GqaQuestion(String qid, String imageId, String question, String answer, String fullAnswer,
                       List<SemanticStep> semantic, Annotations annotations) {
        this(qid, imageId, question, answer, fullAnswer, semantic, annotations, null);
    }
}
