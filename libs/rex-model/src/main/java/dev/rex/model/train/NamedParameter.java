package dev.rex.model.train;

import ai.djl.ndarray.NDArray;

/** A trainable parameter of the network: a stable name (checkpoint and optimizer-state key) and its array. */
public record NamedParameter(String name, NDArray array) {
}
