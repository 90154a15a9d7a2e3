package dev.rex.gqa.build;

import dev.rex.gqa.ground.IouMode;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DatasetBuilder} reads and writes.
 *
 * @param questions   directory of {@code {split}_balanced_questions.json} (or, with {@code all}, GQA's unbalanced
 *                    {@code {split}_all_questions.json} / {@code {split}_all_questions/{split}_all_questions_*.json})
 * @param sceneGraphs directory of {@code {split}_sceneGraphs.json}
 * @param boxes       directory of {@code <imageId>.npy} (float32 [36,4], x1 y1 x2 y2 pixels)
 * @param out         output directory (created)
 * @param splits      splits in corpus order (the corpus vocabularies run over them in this order)
 * @param iou         grounding IoU ({@link IouMode#REFERENCE} reproduces the released data)
 * @param seed        seed of the per-question random choice of same/different
 * @param threads     worker threads (1 = everything on the calling thread)
 * @param graphCache  scene graphs kept parsed per split (LRU)
 */
public record BuildOptions(Path questions, Path sceneGraphs, Path boxes, Path out, List<String> splits, boolean all,
                           IouMode iou, long seed, int threads, int graphCache) {
    public static final List<String> DEFAULT_SPLITS = List.of("train", "val");

    public BuildOptions {
        splits = List.copyOf(splits);
        if (splits.isEmpty()) throw new IllegalArgumentException("--splits names no split");
        if (threads < 1) throw new IllegalArgumentException("--threads must be at least 1");
        if (graphCache < 1) throw new IllegalArgumentException("the scene-graph cache must hold at least 1 graph");
    }

    public static BuildOptions of(Path questions, Path sceneGraphs, Path boxes, Path out) {
        return new BuildOptions(questions, sceneGraphs, boxes, out, DEFAULT_SPLITS, false, IouMode.REFERENCE, 0L, 1,
                4096);
    }

    public BuildOptions withIou(IouMode mode) {
        return new BuildOptions(questions, sceneGraphs, boxes, out, splits, all, mode, seed, threads, graphCache);
    }

    public BuildOptions withThreads(int n) {
        return new BuildOptions(questions, sceneGraphs, boxes, out, splits, all, iou, seed, n, graphCache);
    }

    public BuildOptions withOut(Path dir) {
        return new BuildOptions(questions, sceneGraphs, boxes, dir, splits, all, iou, seed, threads, graphCache);
    }
}
