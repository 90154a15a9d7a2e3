package dev.rex.model.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's grad mode is per thread and starts ENABLED on a new thread; DJL turns it off only on the thread that
 * starts the engine, and a GradientCollector restores the mode it found. An in-place Adam update then fails on any
 * other thread ("a leaf Variable that requires grad is being used in an in-place operation"). Starting the engine
 * first matters too: the native call is unbound until DJL has loaded libtorch.
 */
public final class TorchGradMode {
    private TorchGradMode() {
    }

    /** Loads the engine when it is not yet loaded, then turns libtorch's grad mode off for the calling thread. */
    public static void offOnThisThread() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) JniUtils.setGradMode(false);
    }
}
