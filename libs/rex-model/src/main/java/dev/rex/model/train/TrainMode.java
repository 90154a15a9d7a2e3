package dev.rex.model.train;

import java.util.Locale;

/**
 * The three training procedures of REX and what differs between them (main.py, main_transfer.py).
 */
public enum TrainMode {
    /** main.py: answer + explanation + gate losses; best checkpoint by val VQA accuracy, every epoch. */
    MULTITASK(1e-4, 8, true, false, 1),
    /** main_transfer.py, anno_type=exp: explanation + gate losses only (no answer head); best by val CIDEr. */
    EXP(4e-4, 8, false, false, 1),
    /**
     * main_transfer.py, anno_type=vqa: weights of an EXP run, a new answer head, a per-type subset of the train
     * questions; all three losses; schedule divisor 12; validated every 5th and the last epoch, best by VQA accuracy.
     */
    VQA(4e-4, 12, true, true, 5);

    private final double defaultLr;
    private final int scheduleDivisor;
    private final boolean answers;
    private final boolean transfer;
    private final int validateEvery;

    TrainMode(double defaultLr, int scheduleDivisor, boolean answers, boolean transfer, int validateEvery) {
        this.defaultLr = defaultLr;
        this.scheduleDivisor = scheduleDivisor;
        this.answers = answers;
        this.transfer = transfer;
        this.validateEvery = validateEvery;
    }

    public static TrainMode parse(String s) {
        for (TrainMode m : values()) {
            if (m.cliName().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) return m;
        }
        throw new IllegalArgumentException("mode: unknown mode '" + s + "'; use multitask, exp or vqa");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The original's default initial learning rate (main.py 1e-4, main_transfer.py 4e-4). */
    public double defaultLr() {
        return defaultLr;
    }

    public LearningRateSchedule schedule(double lr0) {
        return new LearningRateSchedule(lr0, scheduleDivisor);
    }

    /** Whether the network has an answer head and the answer loss is trained. */
    public boolean trainsAnswers() {
        return answers;
    }

    /** Whether the run starts from the weights of an explanation-only run (--init) with a new answer head. */
    public boolean isTransfer() {
        return transfer;
    }

    /** Whether validation (and the best-checkpoint decision) runs after the 0-based {@code epoch}. */
    public boolean validatesAfter(int epoch, int epochs) {
        return (epoch + 1) % validateEvery == 0 || epoch + 1 == epochs;
    }

    /** The validation metric that decides the best checkpoint: "vqa_accuracy", or "cider" for EXP. */
    public String selectionMetric() {
        return this == EXP ? "cider" : "vqa_accuracy";
    }
}
