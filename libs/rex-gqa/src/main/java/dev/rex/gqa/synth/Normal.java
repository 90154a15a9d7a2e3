package dev.rex.gqa.synth;

import java.util.SplittableRandom;

/**
 * Standard normal draws by the Box-Muller transform with {@link StrictMath}, over a {@link SplittableRandom}: the
 * same seed gives the same numbers on every JDK and platform ({@code nextGaussian} is not specified to that degree,
 * and {@code Math.log}/{@code cos} may differ in the last bit between platforms). Each pair of uniforms gives two
 * draws.
 */
final class Normal {
    private final SplittableRandom r;
    private double spare;
    private boolean hasSpare;

    Normal(SplittableRandom r) {
        this.r = r;
    }

    double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double radius = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - r.nextDouble())); // 1 - u in (0, 1]
        double angle = 2 * StrictMath.PI * r.nextDouble();
        spare = radius * StrictMath.sin(angle);
        hasSpare = true;
        return radius * StrictMath.cos(angle);
    }
}
