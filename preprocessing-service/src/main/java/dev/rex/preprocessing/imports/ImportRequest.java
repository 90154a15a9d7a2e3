package dev.rex.preprocessing.imports;

import dev.rex.service.ConfinedPath;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/imports}: a GQA split to stream in.
 *
 * Paths must lie inside the data roots ({@code rex.data.roots}); a relative one resolves against the first root.
 *
 * @param questions   path of a GQA question file ({@code qid → question}) readable by the service
 * @param sceneGraphs path of the split's {@code {split}_sceneGraphs.json}
 * @param boxes       directory of {@code <imageId>.npy} boxes (float32 [36,4]), e.g. a feature store's {@code boxes/};
 *                    optional (without, every explainable question is rejected at grounding: MISSING_BOXES)
 * @param split       the split name (train, val, testdev, …); default: the file name up to its first '_'
 */
public record ImportRequest(@Size(max = ConfinedPath.MAX_CHARS) String questions,
                            @Size(max = ConfinedPath.MAX_CHARS) String sceneGraphs,
                            @Size(max = ConfinedPath.MAX_CHARS) String boxes,
                            @Size(max = 64) String split) {
}
