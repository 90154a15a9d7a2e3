package dev.rex.metrics.meteor;

/**
 * METEOR's matching modules. {@code searchWeight} is what the alignment search counts per matched word (METEOR's
 * scorer resets the aligner to 1.0 for exact and 0.5 for every other module); the score weights are in
 * {@link MeteorParameters}.
 */
enum MeteorModule {
    EXACT(1.0), STEM(0.5), SYNONYM(0.5), PARAPHRASE(0.5);

    final double searchWeight;

    MeteorModule(double searchWeight) {
        this.searchWeight = searchWeight;
    }
}
