package dev.rex.gqa.npy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0 on read; 1.0, or 2.0 when the
 * header needs it, on write) holding little-endian, C-ordered {@code float32} ({@code <f4}) or {@code int64}
 * ({@code <i8}) arrays — the layout of the original REX feature files ({@code np.save(path, array)}).
 *
 * <p>Every error is an {@link NpyException} whose message names the file (or the given source name) and what
 * was wrong, so that one bad file in a store of 150k images can be found.
 */
public final class Npy {
    /** The six magic bytes every .npy file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy pads magic + version + length + header to a multiple of this (64 since NumPy 1.14). */
    private static final int ALIGN = 64;

    private Npy() {
    }

    /** Element types we support: the two the REX data uses. */
    public enum DType {
        FLOAT32("<f4", 4), INT64("<i8", 8);

        final String descr;
        final int itemSize;

        DType(String descr, int itemSize) {
            this.descr = descr;
            this.itemSize = itemSize;
        }

        public String descr() {
            return descr;
        }

        public int itemSize() {
            return itemSize;
        }

        static DType fromDescr(String d, String source) throws NpyException {
            // '=' and '|' mean native order; NumPy never writes them for multi-byte types on save, but accept
            // '=' on our (little-endian) platforms. Big-endian data is refused rather than silently swapped.
            switch (d) {
                case "<f4": case "=f4": return FLOAT32;
                case "<i8": case "=i8": return INT64;
                default:
                    throw new NpyException(source + ": unsupported dtype '" + d
                            + "' (expected little-endian float32 '<f4' or int64 '<i8')");
            }
        }
    }

    /** A float32 array with its shape, data in C order. */
    public record FloatArray(int[] shape, float[] data) {
        public FloatArray {
            checkLength(shape, data.length);
        }

        public float get(int row, int col) {
            return data[row * shape[1] + col];
        }
    }

    /** An int64 array with its shape, data in C order. */
    public record LongArray(int[] shape, long[] data) {
        public LongArray {
            checkLength(shape, data.length);
        }
    }

    /** The parsed header: dtype, shape and where the data starts. */
    public record Header(DType dtype, int[] shape, int dataOffset) {
        public long elementCount() {
            return count(shape);
        }
    }

    // ---------------------------------------------------------------- reading

    public static FloatArray readFloat32(Path file) throws IOException {
        return decodeFloat32(readAll(file), file.toString());
    }

    /** Reads a float32 array and checks that its shape is exactly {@code expectedShape}. */
    public static FloatArray readFloat32(Path file, int... expectedShape) throws IOException {
        FloatArray a = readFloat32(file);
        requireShape(a.shape(), expectedShape, file.toString());
        return a;
    }

    public static LongArray readInt64(Path file) throws IOException {
        return decodeInt64(readAll(file), file.toString());
    }

    public static FloatArray decodeFloat32(byte[] bytes, String source) throws NpyException {
        Header h = parseHeader(bytes, source);
        if (h.dtype() != DType.FLOAT32) {
            throw new NpyException(source + ": dtype is " + h.dtype().descr + ", expected float32 <f4");
        }
        ByteBuffer buf = dataBuffer(bytes, h, source);
        float[] data = new float[(int) h.elementCount()];
        buf.asFloatBuffer().get(data);
        return new FloatArray(h.shape(), data);
    }

    public static LongArray decodeInt64(byte[] bytes, String source) throws NpyException {
        Header h = parseHeader(bytes, source);
        if (h.dtype() != DType.INT64) {
            throw new NpyException(source + ": dtype is " + h.dtype().descr + ", expected int64 <i8");
        }
        ByteBuffer buf = dataBuffer(bytes, h, source);
        long[] data = new long[(int) h.elementCount()];
        buf.asLongBuffer().get(data);
        return new LongArray(h.shape(), data);
    }

    /** Parses and validates the header (magic, version, dtype, order, shape) of an .npy image. */
    public static Header parseHeader(byte[] bytes, String source) throws NpyException {
        if (bytes.length < 10) {
            throw new NpyException(source + ": not a .npy file (only " + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new NpyException(source + ": not a .npy file (bad magic; expected \\x93NUMPY)");
            }
        }
        int major = bytes[6] & 0xff;
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new NpyException(source + ": truncated .npy header");
            long len = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (len > Integer.MAX_VALUE - 12) throw new NpyException(source + ": .npy header too long");
            headerLen = (int) len;
            start = 12;
        } else {
            throw new NpyException(source + ": unsupported .npy format version " + major + "." + (bytes[7] & 0xff));
        }
        if (start + headerLen > bytes.length) {
            throw new NpyException(source + ": truncated .npy header (declares " + headerLen + " bytes)");
        }
        // v3 allows utf-8; v1/v2 are latin-1. Our keys and values are ASCII either way.
        String text = new String(bytes, start, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = stringValue(text, "descr", source);
        String fortran = rawValue(text, "fortran_order", source);
        if (!fortran.startsWith("False")) {
            throw new NpyException(source + ": Fortran-ordered arrays are not supported (fortran_order="
                    + fortran.split("[,}]")[0].trim() + "); save with C order");
        }
        DType dtype = DType.fromDescr(descr, source);
        int[] shape = parseShape(rawValue(text, "shape", source), source);
        return new Header(dtype, shape, start + headerLen);
    }

    private static ByteBuffer dataBuffer(byte[] bytes, Header h, String source) throws NpyException {
        long need = h.elementCount() * h.dtype().itemSize;
        long have = bytes.length - (long) h.dataOffset();
        if (have != need) {
            throw new NpyException(source + ": data is " + have + " bytes but shape " + shapeString(h.shape())
                    + " of " + h.dtype().descr + " needs " + need + (have < need ? " (file truncated?)" : ""));
        }
        return ByteBuffer.wrap(bytes, h.dataOffset(), (int) need).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String stringValue(String header, String key, String source) throws NpyException {
        String raw = rawValue(header, key, source);
        char q = raw.isEmpty() ? ' ' : raw.charAt(0);
        int end = raw.indexOf(q, 1);
        if ((q != '\'' && q != '"') || end < 0) {
            throw new NpyException(source + ": malformed .npy header value for '" + key + "': " + header.trim());
        }
        return raw.substring(1, end);
    }

    /** The text right after {@code 'key':} in the header dict, left-trimmed. */
    private static String rawValue(String header, String key, String source) throws NpyException {
        int k = header.indexOf("'" + key + "'");
        if (k < 0) k = header.indexOf("\"" + key + "\"");
        if (k < 0) throw new NpyException(source + ": .npy header has no '" + key + "': " + header.trim());
        int colon = header.indexOf(':', k + key.length() + 2);
        if (colon < 0) throw new NpyException(source + ": malformed .npy header: " + header.trim());
        return header.substring(colon + 1).stripLeading();
    }

    private static int[] parseShape(String raw, String source) throws NpyException {
        int close = raw.indexOf(')');
        if (!raw.startsWith("(") || close < 0) {
            throw new NpyException(source + ": malformed .npy shape: " + raw);
        }
        List<Integer> dims = new ArrayList<>();
        for (String part : raw.substring(1, close).split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            if (p.endsWith("L")) p = p.substring(0, p.length() - 1); // Python 2 longs
            try {
                long d = Long.parseLong(p);
                if (d < 0 || d > Integer.MAX_VALUE) throw new NumberFormatException();
                dims.add((int) d);
            } catch (NumberFormatException e) {
                throw new NpyException(source + ": malformed .npy shape dimension '" + p + "'");
            }
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        if (count(shape) > Integer.MAX_VALUE - 64) {
            throw new NpyException(source + ": array " + shapeString(shape) + " is too large for one Java array");
        }
        return shape;
    }

    /** Throws unless {@code actual} equals {@code expected}. */
    public static void requireShape(int[] actual, int[] expected, String source) throws NpyException {
        if (!java.util.Arrays.equals(actual, expected)) {
            throw new NpyException(source + ": shape is " + shapeString(actual) + ", expected "
                    + shapeString(expected));
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes atomically: to a temporary sibling first, then renamed over {@code file}. */
    public static void writeFloat32(Path file, int[] shape, float[] data) throws IOException {
        writeAtomically(file, encodeFloat32(shape, data));
    }

    public static void writeInt64(Path file, int[] shape, long[] data) throws IOException {
        writeAtomically(file, encodeInt64(shape, data));
    }

    public static byte[] encodeFloat32(int[] shape, float[] data) {
        checkLength(shape, data.length);
        byte[] header = header(DType.FLOAT32, shape);
        ByteBuffer buf = ByteBuffer.allocate(header.length + data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(header);
        buf.asFloatBuffer().put(data);
        return buf.array();
    }

    public static byte[] encodeInt64(int[] shape, long[] data) {
        checkLength(shape, data.length);
        byte[] header = header(DType.INT64, shape);
        ByteBuffer buf = ByteBuffer.allocate(header.length + data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(header);
        buf.asLongBuffer().put(data);
        return buf.array();
    }

    /** Magic, version, length and the padded dict, exactly as {@code np.save} writes them. */
    static byte[] header(DType dtype, int[] shape) {
        String dict = "{'descr': '" + dtype.descr + "', 'fortran_order': False, 'shape': " + shapeString(shape)
                + ", }";
        int major = 1;
        int prefix = 10;
        int total = prefix + dict.length() + 1;
        int padded = (total + ALIGN - 1) / ALIGN * ALIGN;
        if (padded - prefix > 0xffff) {
            major = 2;
            prefix = 12;
            total = prefix + dict.length() + 1;
            padded = (total + ALIGN - 1) / ALIGN * ALIGN;
        }
        int headerLen = padded - prefix;
        ByteBuffer buf = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) buf.putShort((short) headerLen);
        else buf.putInt(headerLen);
        buf.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (buf.position() < padded - 1) buf.put((byte) ' ');
        buf.put((byte) '\n');
        return buf.array();
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] readAll(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NpyException(file + ": no such .npy file");
        }
        return Files.readAllBytes(file);
    }

    public static String shapeString(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        return sb.append(')').toString();
    }

    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    private static void checkLength(int[] shape, int length) {
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + shapeString(shape));
        }
        if (count(shape) != length) {
            throw new IllegalArgumentException("shape " + shapeString(shape) + " holds " + count(shape)
                    + " elements but the data has " + length);
        }
    }
}
