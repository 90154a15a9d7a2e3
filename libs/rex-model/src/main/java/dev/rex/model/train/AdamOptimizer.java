package dev.rex.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with PyTorch's semantics ({@code torch.optim.Adam}, weight decay 0), which DJL's own Adam does not have
 * (it folds the bias corrections into the learning rate and so scales ε differently):
 * <pre>
 *   m ← β1·m + (1−β1)·g,   v ← β2·v + (1−β2)·g²
 *   p ← p − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε)
 * </pre>
 * The moments and the step count are saved with each epoch checkpoint so a resumed run continues exactly.
 */
public final class AdamOptimizer implements AutoCloseable {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final NDManager manager;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long step;

    /** @param manager the manager that owns the moment arrays (on the parameters' device) */
    public AdamOptimizer(NDManager manager) {
        this.manager = manager.newSubManager();
    }

    public long stepCount() {
        return step;
    }

    /**
     * One update of every parameter from its gradient times {@code gradScale} (the clipping coefficient).
     * Parameters without a gradient are left alone.
     */
    public void step(List<NamedParameter> parameters, double lr, double gradScale) {
        step++;
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, step));
        double stepSize = lr / bc1;
        for (NamedParameter p : parameters) {
            NDArray weight = p.array();
            if (!weight.hasGradient()) continue;
            try (NDManager scope = manager.newSubManager()) {
                NDArray grad = weight.getGradient();
                grad.attach(scope);
                NDArray g = gradScale == 1.0 ? grad : grad.mul((float) gradScale);
                NDArray m = firstMoments.computeIfAbsent(p.name(), k -> state(weight));
                NDArray v = secondMoments.computeIfAbsent(p.name(), k -> state(weight));
                m.muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
                v.muli((float) BETA2).addi(g.square().muli((float) (1 - BETA2)));
                NDArray denom = v.sqrt().divi((float) bc2Sqrt).addi((float) EPSILON);
                weight.subi(m.div(denom).muli((float) stepSize));
            }
        }
    }

    /** A zero moment array that outlives the caller's {@link NDScope} (it lives as long as the optimizer). */
    private NDArray state(NDArray weight) {
        NDArray a = manager.zeros(weight.getShape(), weight.getDataType());
        NDScope.unregister(a);
        return a;
    }

    /**
     * Zeroes the gradients of the parameters before a backward pass (PyTorch accumulates into {@code .grad});
     * cheaper than DJL's collector-wide zeroing, which walks every array of the engine.
     */
    public static void zeroGradients(List<NamedParameter> parameters) {
        for (NamedParameter p : parameters) {
            if (!p.array().hasGradient()) continue;
            try (NDArray g = p.array().getGradient()) {
                // a fill, not g − g: a NaN left by a skipped step must not survive into the next one
                g.set(new NDIndex("..."), 0f);
            }
        }
    }

    /** Saves the moments and the step count (npz; names are the parameter names plus "m:"/"v:" prefixes). */
    public void save(Path file) throws IOException {
        NDList list = new NDList();
        NDArray count = manager.create(new long[]{step});
        count.setName("step");
        list.add(count);
        for (Map.Entry<String, NDArray> e : firstMoments.entrySet()) {
            NDArray m = e.getValue().duplicate();
            m.setName("m:" + e.getKey());
            list.add(m);
            NDArray v = secondMoments.get(e.getKey()).duplicate();
            v.setName("v:" + e.getKey());
            list.add(v);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            list.encode(out, NDList.Encoding.NPZ);
        } finally {
            list.close();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Restores what {@link #save} wrote. */
    public void load(Path file) throws IOException {
        NDList list;
        try (InputStream in = Files.newInputStream(file)) {
            list = NDList.decode(manager, in);
        }
        clearState();
        for (NDArray a : list) {
            String name = a.getName();
            if ("step".equals(name)) {
                step = a.toLongArray()[0];
                a.close();
            } else if (name != null && name.startsWith("m:")) {
                firstMoments.put(name.substring(2), a);
            } else if (name != null && name.startsWith("v:")) {
                secondMoments.put(name.substring(2), a);
            } else {
                throw new IOException(file + ": unexpected entry '" + name + "' in the optimizer state");
            }
        }
    }

    private void clearState() {
        firstMoments.values().forEach(NDArray::close);
        secondMoments.values().forEach(NDArray::close);
        firstMoments.clear();
        secondMoments.clear();
        step = 0;
    }

    @Override
    public void close() {
        manager.close();
    }
}
