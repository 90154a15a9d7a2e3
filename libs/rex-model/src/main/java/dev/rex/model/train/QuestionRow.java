package dev.rex.model.train;

/**
 * The fields of a GQA question that training reads: the text, the image, the raw answer (null for test
 * questions without answers) and {@code types.detailed} (the unit of the transfer subsets).
 */
public record QuestionRow(String qid, String question, String imageId, String answer, String detailedType) {
}
