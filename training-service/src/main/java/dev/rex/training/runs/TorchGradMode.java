package dev.rex.training.runs;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's grad mode is per thread and starts ENABLED on a new thread; DJL turns it off only on the thread that
 * starts the engine, and a GradientCollector restores the mode it found. The trainer's in-place Adam update then
 * fails on any other thread ("a leaf Variable that requires grad is being used in an in-place operation"). Runs
 * execute on pool threads, so each run turns it off on its own thread first (reported to the library's author in
 * /work/notes/model-train-api.md; harmless once the library does it itself).
 */
final class TorchGradMode {
    private TorchGradMode() {
    }

    static void offOnThisThread() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) JniUtils.setGradMode(false);
    }
}
