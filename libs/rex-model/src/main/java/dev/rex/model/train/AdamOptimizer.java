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
 * Fused over the whole parameter group: the gradients are gathered into one flat buffer, and the moments live in
 * two more, so clipping's norm and every arithmetic step of Adam are a fixed handful of in-place native operations
 * on the whole group, whatever the number of tensors (a per-tensor update paid ~12 calls and 5 temporary tensors per
 * parameter per step). Per tensor there remain the gradient's copy into the group and the in-place subtraction of
 * its update. The buffers are allocated once, when the group is first seen; a step allocates nothing.
 * The moments and the step count are saved with each epoch checkpoint so a resumed run continues exactly.
 */
public final class AdamOptimizer implements AutoCloseable {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final NDManager manager;
    /** Moments by parameter name while no group holds them (loaded before the first step, or between groups). */
    private final Map<String, NDArray> pendingFirst = new LinkedHashMap<>();
    private final Map<String, NDArray> pendingSecond = new LinkedHashMap<>();
    private ParameterGroup group;
    private boolean gathered;
    private long step;

    /** @param manager the manager that owns the optimizer's buffers (on the parameters' device) */
    public AdamOptimizer(NDManager manager) {
        this.manager = manager.newSubManager();
    }

    public long stepCount() {
        return step;
    }

    /**
     * Copies the gradients of {@code parameters} into the group's flat buffer and returns their global L2 norm (the
     * norm {@code clip_grad_norm_} computes, before clipping). The next {@link #step} uses these gradients.
     */
    public double gatherGradients(List<NamedParameter> parameters) {
        ParameterGroup g = groupFor(parameters);
        g.gather();
        gathered = true;
        return g.gradientNorm();
    }

    /**
     * One update of every parameter from its gradient times {@code gradScale} (the clipping coefficient), with the
     * gradients of the last {@link #gatherGradients} call, or gathered now when there was none since the last step.
     * Parameters without a gradient are left alone.
     */
    public void step(List<NamedParameter> parameters, double lr, double gradScale) {
        ParameterGroup g = groupFor(parameters);
        if (!gathered) g.gather();
        gathered = false;
        step++;
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, step));
        g.adam(lr / bc1, bc2Sqrt, gradScale);
    }

    /** The group of these parameters: the current one, or a new one that takes over the moments by name. */
    private ParameterGroup groupFor(List<NamedParameter> parameters) {
        if (group != null && group.holds(parameters)) return group;
        if (group != null) {
            group.exportMoments(pendingFirst, pendingSecond);
            group.close();
        }
        group = new ParameterGroup(manager, parameters);
        group.importMoments(pendingFirst, pendingSecond);
        gathered = false;
        return group;
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
        Map<String, NDArray> first = new LinkedHashMap<>(pendingFirst);
        Map<String, NDArray> second = new LinkedHashMap<>(pendingSecond);
        if (group != null) group.exportMoments(first, second);
        for (Map.Entry<String, NDArray> e : first.entrySet()) {
            NDArray m = e.getValue().duplicate();
            m.setName("m:" + e.getKey());
            list.add(m);
            NDArray v = second.get(e.getKey()).duplicate();
            v.setName("v:" + e.getKey());
            list.add(v);
        }
        if (group != null) {
            // exported copies of the group's moments are temporaries here (pending ones stay)
            first.forEach((k, a) -> { if (pendingFirst.get(k) != a) a.close(); });
            second.forEach((k, a) -> { if (pendingSecond.get(k) != a) a.close(); });
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
                pendingFirst.put(name.substring(2), a);
            } else if (name != null && name.startsWith("v:")) {
                pendingSecond.put(name.substring(2), a);
            } else {
                throw new IOException(file + ": unexpected entry '" + name + "' in the optimizer state");
            }
        }
    }

    private void clearState() {
        pendingFirst.values().forEach(NDArray::close);
        pendingSecond.values().forEach(NDArray::close);
        pendingFirst.clear();
        pendingSecond.clear();
        if (group != null) group.close();
        group = null;
        gathered = false;
        step = 0;
    }

    @Override
    public void close() {
        manager.close();
    }
}
