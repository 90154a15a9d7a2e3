package dev.rex.model.train;

/**
 * The per-step targets of one explanation over the decoder's {@code steps} steps, as dataloader.py builds them:
 * <ul>
 *   <li>{@code words[t]}: the word index, then 0 (end) right after the last word when there is room, then 0 on
 *       padding steps (the teacher-forcing input there is index 0 too: the argmax of an all-zero row);</li>
 *   <li>{@code mask[t]}: 1 on the words and the end token ({@code valid_mask[:len+1] = 1}), 0 after;</li>
 *   <li>{@code gate[t]}: 0 at {@code #k} words (indices 1..36), 1 everywhere else, end and padding included.</li>
 * </ul>
 * On a padding step the one-hot target row of the original is all zeros; its mask is 0 there too, so using
 * index 0 with mask 0 gives the same loss.
 */
public record TargetSequence(int[] words, float[] mask, float[] gate) {

    public static TargetSequence of(int[] explanation, int steps) {
        if (explanation.length > steps) {
            throw new IllegalArgumentException("explanation of " + explanation.length + " tokens is longer than the "
                    + steps + " decoder steps");
        }
        int[] words = new int[steps];
        float[] mask = new float[steps];
        float[] gate = new float[steps];
        java.util.Arrays.fill(gate, 1f);
        for (int t = 0; t < explanation.length; t++) {
            words[t] = explanation[t];
            gate[t] = Dictionaries.isRegionIndex(explanation[t]) ? 0f : 1f;
        }
        for (int t = 0; t < Math.min(explanation.length + 1, steps); t++) mask[t] = 1f;
        return new TargetSequence(words, mask, gate);
    }
}
