package dev.rex.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;

/**
 * Base of every REX block. All parameter shapes are fixed at construction from {@link dev.rex.model.RexConfig}
 * (the network has no shape to infer: sizes come from the config, as in the checkpoint), so initialising a child
 * does not need the input shapes; this class passes them through unchanged.
 */
public abstract class RexBlock extends AbstractBlock {
    protected static final byte VERSION = 1;

    protected RexBlock() {
        super(VERSION);
    }

    /** A parameter of fixed shape; {@code trainable=false} keeps it out of gradient updates. */
    protected final Parameter param(String name, Shape shape, Initializer init, boolean trainable) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(init)
                .optRequiresGrad(trainable)
                .build());
    }

    protected static NDArray value(ParameterStore store, Parameter p, NDArray like, boolean training) {
        return store.getValue(p, like.getDevice(), training);
    }

    /**
     * A 0-d constant of {@code like}'s type for arithmetic whose backward reads the constant (div, mul, pow).
     * Never pass a Java number to those ops on an array that carries a gradient: DJL wraps the number in a tensor
     * that borrows a Java direct buffer ({@code from_blob}) and closes it at once, but autograd keeps that tensor
     * for the backward pass, which then reads freed memory after any GC (NaN/inf gradients at random steps).
     * {@code full} allocates in libtorch, whose reference counting keeps the value alive as long as the graph.
     */
    protected static NDArray constant(NDArray like, double v) {
        return like.getManager().full(new Shape(), (float) v, like.getDataType());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Pair<String, Block> child : getChildren()) {
            child.getValue().initialize(manager, dataType, inputShapes);
        }
    }
}
