package dev.rex.model.train;

/**
 * {@code adjust_learning_rate} of main.py / main_transfer.py: {@code lr = lr0 · 0.25^floor((epoch+1)/divisor)}
 * for the 0-based epoch, set at the start of each epoch. The divisor is 8, and 12 for VQA transfer.
 */
public record LearningRateSchedule(double initial, int divisor) {
    public static final double DECAY = 0.25;

    public LearningRateSchedule {
        if (!(initial > 0)) throw new IllegalArgumentException("lr must be > 0, got " + initial);
        if (divisor < 1) throw new IllegalArgumentException("schedule divisor must be >= 1, got " + divisor);
    }

    public double at(int epoch) {
        return initial * Math.pow(DECAY, (epoch + 1) / divisor);
    }
}
