package dev.rex.model.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A tensor read from a PyTorch file, contiguous in row-major order: floating types (float32, float16, bfloat16,
 * float64) as float32 values ({@code floats}; float16 and bfloat16 convert exactly, float64 is rounded), integer and
 * bool types as int64 values ({@code longs}). {@code dtype} is the storage's PyTorch name ({@code FloatStorage} …).
 */
public record TorchTensor(String dtype, long[] shape, float[] floats, long[] longs) {
    public boolean isFloating() {
        return floats != null;
    }

    public long numel() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    /** The values as an NDArray of {@code manager}: float32 for floating types, int64 otherwise. */
    public NDArray toNDArray(NDManager manager) {
        Shape s = new Shape(shape);
        return floats != null ? manager.create(floats, s) : manager.create(longs, s);
    }
}
