package dev.rex.metrics.meteor;

/**
 * One possible match between a span of the reference ({@code refStart}, {@code refLength}) and a span of the
 * candidate ({@code testStart}, {@code testLength}), found by the module at index {@code module} of the run.
 */
record WordMatch(int refStart, int refLength, int testStart, int testLength, int module) {
}
