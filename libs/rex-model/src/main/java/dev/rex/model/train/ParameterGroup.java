package dev.rex.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trainable tensors of a network seen as one flat float32 vector for the optimizer: a gradient buffer, Adam's
 * two moment buffers and an update buffer of the group's total size, with views of the gradient and update buffers
 * per tensor (in the tensor's shape). Every buffer and view is made once; {@link #gather}, {@link #gradientNorm} and {@link #adam}
 * allocate nothing but scalars.
 */
final class ParameterGroup implements AutoCloseable {
    private final NDManager manager;
    private final List<NamedParameter> members = new ArrayList<>();
    private final List<NDArray> gradViews = new ArrayList<>();
    private final long[] offsets;
    private final NDArray grad;
    private final NDArray first;
    private final NDArray second;
    private final NDArray update;
    private final List<NDArray> updateViews = new ArrayList<>();

    ParameterGroup(NDManager parent, List<NamedParameter> parameters) {
        manager = parent.newSubManager();
        for (NamedParameter p : parameters) {
            if (p.array().hasGradient()) members.add(p);
        }
        offsets = new long[members.size() + 1];
        for (int i = 0; i < members.size(); i++) offsets[i + 1] = offsets[i] + members.get(i).array().size();
        Shape flat = new Shape(Math.max(1, offsets[members.size()]));
        grad = keep(manager.zeros(flat, DataType.FLOAT32));
        first = keep(manager.zeros(flat, DataType.FLOAT32));
        second = keep(manager.zeros(flat, DataType.FLOAT32));
        update = keep(manager.zeros(flat, DataType.FLOAT32));
        for (int i = 0; i < members.size(); i++) {
            gradViews.add(keep(slice(grad, i).reshape(members.get(i).array().getShape())));
            updateViews.add(keep(slice(update, i).reshape(members.get(i).array().getShape())));
        }
    }

    /** Buffers live as long as the group, not as long as the caller's {@link NDScope}. */
    private static NDArray keep(NDArray a) {
        NDScope.unregister(a);
        return a;
    }

    private NDArray slice(NDArray flat, int i) {
        return flat.get(new NDIndex("{}:{}", offsets[i], offsets[i + 1]));
    }

    /** Whether this group was made for exactly these parameter arrays (those with a gradient, in this order). */
    boolean holds(List<NamedParameter> parameters) {
        int i = 0;
        for (NamedParameter p : parameters) {
            if (!p.array().hasGradient()) continue;
            if (i >= members.size() || members.get(i).array() != p.array()
                    || !members.get(i).name().equals(p.name())) {
                return false;
            }
            i++;
        }
        return i == members.size();
    }

    /** Copies every member's gradient into the flat buffer (one native copy per tensor). */
    void gather() {
        for (int i = 0; i < members.size(); i++) {
            try (NDArray g = members.get(i).array().getGradient()) {
                gradViews.get(i).set(new NDIndex("..."), g);
            }
        }
    }

    /** The L2 norm of the gathered gradients ({@link GradientClipping#globalNorm(Iterable)}). */
    double gradientNorm() {
        return GradientClipping.globalNorm(gradViews);
    }

    /**
     * Adam on the whole group, in place, with the gathered gradients times {@code gradScale}; the gradient buffer is
     * a workspace (its content is used up):
     * <pre>
     *   G ← (1−β1)·s·g;  M ← β1·M + G;  G ← G²·(1−β2)/(1−β1)²  (= (1−β2)·(s·g)²);  V ← β2·V + G
     *   G ← √V / √(1−β2^t) + ε;  U ← M / G · stepSize;  p ← p − U (per tensor, through its view)
     * </pre>
     * Each line is one or two native passes over the group (measured on 16 M values, one thread: ~7 ms a pass, the
     * square root ~50 ms; a freshly allocated temporary of that size costs ~100 ms, which is why none is made).
     */
    void adam(double stepSize, double bc2Sqrt, double gradScale) {
        double b1 = AdamOptimizer.BETA1;
        double b2 = AdamOptimizer.BETA2;
        grad.muli((float) ((1 - b1) * gradScale));
        first.muli((float) b1).addi(grad);
        grad.muli(grad).muli((float) ((1 - b2) / ((1 - b1) * (1 - b1))));
        second.muli((float) b2).addi(grad);
        grad.set(new NDIndex("..."), second);
        grad.powi(0.5f).divi((float) bc2Sqrt).addi((float) AdamOptimizer.EPSILON);
        update.set(new NDIndex("..."), first);
        update.divi(grad).muli((float) stepSize);
        for (int i = 0; i < members.size(); i++) members.get(i).array().subi(updateViews.get(i));
    }

    /** Copies of the moments by parameter name into the maps (replacing what they hold for those names). */
    void exportMoments(Map<String, NDArray> firstOut, Map<String, NDArray> secondOut) {
        for (int i = 0; i < members.size(); i++) {
            Shape shape = members.get(i).array().getShape();
            String name = members.get(i).name();
            try (NDArray m = slice(first, i); NDArray v = slice(second, i)) {
                put(firstOut, name, m.reshape(shape).duplicate());
                put(secondOut, name, v.reshape(shape).duplicate());
            }
        }
    }

    private void put(Map<String, NDArray> map, String name, NDArray a) {
        a.attach(manager.getParentManager());
        NDScope.unregister(a);
        NDArray old = map.put(name, a);
        if (old != null) old.close();
    }

    /** Takes over the moments of the members' names from the maps (which then no longer hold them). */
    void importMoments(Map<String, NDArray> firstIn, Map<String, NDArray> secondIn) {
        for (int i = 0; i < members.size(); i++) {
            String name = members.get(i).name();
            copyInto(first, i, firstIn.remove(name));
            copyInto(second, i, secondIn.remove(name));
        }
    }

    private void copyInto(NDArray flat, int i, NDArray values) {
        if (values == null) return;
        try (values; NDArray view = slice(flat, i)) {
            if (values.size() != view.size()) {
                throw new IllegalArgumentException("optimizer state for '" + members.get(i).name() + "' has "
                        + values.size() + " values, the parameter " + view.size());
            }
            try (NDArray flatValues = values.toType(DataType.FLOAT32, true).reshape(view.getShape())) {
                view.set(new NDIndex("..."), flatValues);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
