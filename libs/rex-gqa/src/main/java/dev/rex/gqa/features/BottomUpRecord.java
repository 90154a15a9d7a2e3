package dev.rex.gqa.features;

/**
 * One line of LXMERT's bottom-up {@code *_obj36.tsv}, decoded with the dtypes of LXMERT's {@code load_obj_tsv}:
 * {@code objects_id} and {@code attrs_id} int64, {@code objects_conf}, {@code attrs_conf}, {@code boxes}
 * ([num_boxes,4], x1 y1 x2 y2 in pixels) and {@code features} ([num_boxes,2048]) float32, all little-endian.
 * Note the column order: height before width.
 */
public record BottomUpRecord(String imageId, int imageHeight, int imageWidth, long[] objectIds, float[] objectConf,
                             long[] attrIds, float[] attrConf, int numBoxes, float[] boxes, float[] features) {
}
