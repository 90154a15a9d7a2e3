package dev.rex.model.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's intra-op thread count. On a small or shared CPU, one thread per training process is often much faster
 * than the default (all cores): libtorch's worker threads spin while waiting, and a tiny network's ops are too
 * small to split (measured here: a tiny-model step went from ~7 s to ~0.25 s on a busy 2-core machine).
 */
public final class TorchThreads {
    private TorchThreads() {
    }

    /** Sets the intra-op thread count (≥ 1) and returns the previous one. */
    public static int set(int threads) {
        if (threads < 1) throw new InvalidTrainingConfigException("threads", "must be at least 1, got " + threads);
        Engine.getEngine("PyTorch"); // loads libtorch before the JNI call
        int previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        return previous;
    }

    /** The intra-op thread count libtorch uses now (loading libtorch first). */
    public static int current() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
