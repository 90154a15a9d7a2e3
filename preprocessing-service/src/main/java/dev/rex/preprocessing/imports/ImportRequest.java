package dev.rex.preprocessing.imports;

/**
 * {@code POST /api/imports}: a GQA split to stream in.
 *
 * @param questions   path of a GQA question file ({@code qid → question}) readable by the service
 * @param sceneGraphs path of the split's {@code {split}_sceneGraphs.json}
 * @param boxes       directory of {@code <imageId>.npy} boxes (float32 [36,4]), e.g. a feature store's {@code boxes/};
 *                    optional (without, every explainable question is rejected at grounding: MISSING_BOXES)
 * @param split       the split name (train, val, testdev, …); default: the file name up to its first '_'
 */
public record ImportRequest(String questions, String sceneGraphs, String boxes, String split) {
}
