package dev.rex.model.train;

/**
 * One question ready for batching.
 *
 * @param question    the cleaned question text (',' → space, '.' removed)
 * @param answer      the converted answer (ANS_CONVERT), the ground truth of the VQA accuracy; null when unknown
 * @param answerIndex its index in ans2idx, -1 when absent (only possible outside training)
 * @param words       the explanation as exp2idx indices (empty: the end-only target)
 * @param reference   the converted explanation as stored ("" when the question has none), the metrics' reference
 */
public record Sample(String qid, String imageId, String question, String answer, int answerIndex, int[] words,
                     String reference) {
}
