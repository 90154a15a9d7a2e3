package dev.rex.gqa.features;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Codec for one line of the bottom-up TSV (ARCHITECTURE §8): ten tab-separated columns {@code img_id, img_h, img_w,
 * objects_id, objects_conf, attrs_id, attrs_conf, num_boxes, boxes, features}, arrays as base64 of the raw
 * little-endian bytes ({@code base64.b64encode(array.tobytes())}).
 */
public final class BottomUpTsv {
    public static final int COLUMNS = 10;

    private BottomUpTsv() {
    }

    /** Thrown for a line that cannot be decoded; the importer reports it with its line number and goes on. */
    public static final class BadLineException extends Exception {
        public BadLineException(String message) {
            super(message);
        }
    }

    /** The image id of a line without decoding the rest (for resuming quickly). */
    public static String imageId(String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? line : line.substring(0, tab);
    }

    public static BottomUpRecord parse(String line) throws BadLineException {
        String[] f = split(line);
        String id = f[0];
        if (id.isEmpty()) throw new BadLineException("empty img_id");
        int h = intField(f[1], "img_h");
        int w = intField(f[2], "img_w");
        int n = intField(f[7], "num_boxes");
        if (h <= 0 || w <= 0) throw new BadLineException("image size " + w + "x" + h + " is not positive");
        if (n <= 0) throw new BadLineException("num_boxes is " + n);
        long[] objIds = longs(f[3], n, "objects_id");
        float[] objConf = floats(f[4], n, 1, "objects_conf");
        long[] attrIds = longs(f[5], n, "attrs_id");
        float[] attrConf = floats(f[6], n, 1, "attrs_conf");
        float[] boxes = floats(f[8], n, 4, "boxes");
        byte[] featBytes = decode(f[9], "features");
        if (featBytes.length % (4L * n) != 0) {
            throw new BadLineException("features: " + featBytes.length + " bytes is not num_boxes=" + n
                    + " rows of float32");
        }
        float[] features = toFloats(featBytes);
        return new BottomUpRecord(id, h, w, objIds, objConf, attrIds, attrConf, n, boxes, features);
    }

    /** Formats a record as one TSV line (no newline): what the bottom-up extractor writes. */
    public static String format(BottomUpRecord r) {
        Base64.Encoder b64 = Base64.getEncoder();
        return String.join("\t", r.imageId(), Integer.toString(r.imageHeight()), Integer.toString(r.imageWidth()),
                b64.encodeToString(bytes(r.objectIds())), b64.encodeToString(bytes(r.objectConf())),
                b64.encodeToString(bytes(r.attrIds())), b64.encodeToString(bytes(r.attrConf())),
                Integer.toString(r.numBoxes()), b64.encodeToString(bytes(r.boxes())),
                b64.encodeToString(bytes(r.features())));
    }

    private static String[] split(String line) throws BadLineException {
        String[] f = new String[COLUMNS];
        int start = 0;
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') end--; // CRLF files
        for (int i = 0; i < COLUMNS; i++) {
            int tab = i == COLUMNS - 1 ? -1 : line.indexOf('\t', start);
            if (i < COLUMNS - 1 && (tab < 0 || tab > end)) {
                throw new BadLineException("expected " + COLUMNS + " tab-separated columns, found " + (i + 1));
            }
            f[i] = line.substring(start, i == COLUMNS - 1 ? end : tab);
            start = tab + 1;
        }
        if (f[COLUMNS - 1].indexOf('\t') >= 0) {
            throw new BadLineException("expected " + COLUMNS + " tab-separated columns, found more");
        }
        return f;
    }

    private static int intField(String s, String name) throws BadLineException {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new BadLineException(name + " is not an integer: '" + abbreviate(s) + "'");
        }
    }

    private static byte[] decode(String s, String name) throws BadLineException {
        try {
            return Base64.getDecoder().decode(s.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            throw new BadLineException(name + ": invalid base64 (" + e.getMessage() + ")");
        }
    }

    private static long[] longs(String s, int n, String name) throws BadLineException {
        byte[] b = decode(s, name);
        if (b.length != 8L * n) {
            throw new BadLineException(name + ": " + b.length + " bytes, expected " + n + " int64 (" + 8L * n + ")");
        }
        long[] out = new long[n];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    private static float[] floats(String s, int rows, int cols, String name) throws BadLineException {
        byte[] b = decode(s, name);
        long need = 4L * rows * cols;
        if (b.length != need) {
            throw new BadLineException(name + ": " + b.length + " bytes, expected [" + rows + "," + cols
                    + "] float32 (" + need + ")");
        }
        return toFloats(b);
    }

    private static float[] toFloats(byte[] b) {
        float[] out = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static byte[] bytes(float[] a) {
        ByteBuffer buf = ByteBuffer.allocate(a.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(a);
        return buf.array();
    }

    private static byte[] bytes(long[] a) {
        ByteBuffer buf = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(a);
        return buf.array();
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }
}
