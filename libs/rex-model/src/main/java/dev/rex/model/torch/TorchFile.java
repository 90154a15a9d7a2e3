package dev.rex.model.torch;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a state dict saved by {@code torch.save(model.state_dict(), f)}: the zip format of torch ≥ 1.6
 * ({@code archive/data.pkl} + {@code archive/data/<key>} storages) and the legacy format before it (magic number,
 * protocol, system info, the pickle, the storage keys, then each storage's bytes). The pickle goes through
 * {@link PickleReader} with only these globals: {@code collections.OrderedDict}, the {@code torch.*Storage} types,
 * {@code torch._utils._rebuild_tensor}, {@code _rebuild_tensor_v2}, {@code _rebuild_parameter} and
 * {@code _rebuild_parameter_with_state}. Any other global is refused, naming it.
 *
 * <p>Tensors are rebuilt from their storage with their offset, sizes and strides (views, transposes and tensors
 * sharing one storage come out as PyTorch shows them).
 */
public final class TorchFile {
    /** The legacy format's first pickle. */
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long LEGACY_PROTOCOL = 1001;
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final Map<String, Kind> STORAGES = Map.ofEntries(
            Map.entry("FloatStorage", Kind.FLOAT32), Map.entry("HalfStorage", Kind.FLOAT16),
            Map.entry("BFloat16Storage", Kind.BFLOAT16), Map.entry("DoubleStorage", Kind.FLOAT64),
            Map.entry("LongStorage", Kind.INT64), Map.entry("IntStorage", Kind.INT32),
            Map.entry("ShortStorage", Kind.INT16), Map.entry("CharStorage", Kind.INT8),
            Map.entry("ByteStorage", Kind.UINT8), Map.entry("BoolStorage", Kind.BOOL));
    private static final Set<String> REBUILDERS = Set.of("_rebuild_tensor", "_rebuild_tensor_v2",
            "_rebuild_parameter", "_rebuild_parameter_with_state");

    private TorchFile() {
    }

    enum Kind {
        FLOAT32(4), FLOAT16(2), BFLOAT16(2), FLOAT64(8), INT64(8), INT32(4), INT16(2), INT8(1), UINT8(1), BOOL(1);

        final int bytes;

        Kind(int bytes) {
            this.bytes = bytes;
        }

        boolean floating() {
            return this == FLOAT32 || this == FLOAT16 || this == BFLOAT16 || this == FLOAT64;
        }
    }

    /** Whether {@code file} looks like a PyTorch file (a zip holding {@code data.pkl}, or a pickle). */
    public static boolean isTorchFile(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 2) return false;
        }
        if ((head[0] & 0xff) == 0x80) return true;
        if (head[0] == 'P' && head[1] == 'K') {
            try (ZipFile zip = new ZipFile(file.toFile())) {
                return pickleEntry(zip) != null;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** The tensors of a pickled state dict, in the file's order, by name. */
    public static Map<String, TorchTensor> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            in.readNBytes(head, 0, 2);
        }
        if (head[0] == 'P' && head[1] == 'K') return readZip(file);
        if ((head[0] & 0xff) == 0x80) return readLegacy(file);
        throw new IllegalArgumentException(file + " is not a PyTorch file (neither the zip format of torch >= 1.6 "
                + "nor the legacy pickle format)");
    }

    private static String pickleEntry(ZipFile zip) {
        String found = null;
        for (var e = zip.entries(); e.hasMoreElements(); ) {
            String n = e.nextElement().getName();
            if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) {
                if (found != null) return null;
                found = n;
            }
        }
        return found;
    }

    private static Map<String, TorchTensor> readZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String pkl = pickleEntry(zip);
            if (pkl == null) {
                throw new IllegalArgumentException(file + " is a zip file but not a PyTorch one (no single "
                        + "<archive>/data.pkl)");
            }
            String prefix = pkl.substring(0, pkl.length() - "data.pkl".length());
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            ZipEntry bo = zip.getEntry(prefix + "byteorder");
            if (bo != null) {
                String s = new String(zip.getInputStream(bo).readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (s.equals("big")) order = ByteOrder.BIG_ENDIAN;
                else if (!s.equals("little")) throw new IllegalArgumentException(file + ": unknown byteorder " + s);
            }
            Unpickled u = unpickle(ByteBuffer.wrap(entryBytes(zip, zip.getEntry(pkl), file)), file, false);
            Map<String, ByteBuffer> data = new HashMap<>();
            for (StorageRef s : u.storages) {
                if (data.containsKey(s.key)) continue;
                ZipEntry e = zip.getEntry(prefix + "data/" + s.key);
                if (e == null) throw new IllegalArgumentException(file + ": storage " + s.key + " is missing");
                data.put(s.key, ByteBuffer.wrap(entryBytes(zip, e, file)).order(order));
            }
            return materialize(u, data, file);
        }
    }

    private static byte[] entryBytes(ZipFile zip, ZipEntry e, Path file) throws IOException {
        if (e.getSize() > MAX_ELEMENTS) {
            throw new IllegalArgumentException(file + ": entry " + e.getName() + " is larger than 2 GB");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, TorchTensor> readLegacy(Path file) throws IOException {
        ByteBuffer buf;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > MAX_ELEMENTS) {
                throw new IllegalArgumentException(file + ": legacy-format files above 2 GB are not supported; "
                        + "re-save it with torch >= 1.6");
            }
            buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
        PickleReader.Globals plain = plainData(file);
        PickleReader magic = new PickleReader(buf, plain, file.toString());
        if (!LEGACY_MAGIC.equals(magic.load())) {
            throw new IllegalArgumentException(file + " is a pickle but not a PyTorch file (no legacy magic number)");
        }
        buf.position(magic.position());
        PickleReader protocol = new PickleReader(buf, plain, file.toString());
        Object version = protocol.load();
        if (!Long.valueOf(LEGACY_PROTOCOL).equals(version)) {
            throw new IllegalArgumentException(file + ": unsupported legacy protocol version " + version);
        }
        buf.position(protocol.position());
        PickleReader sysInfo = new PickleReader(buf, plain, file.toString());
        if (sysInfo.load() instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            throw new IllegalArgumentException(file + " was written on a big-endian machine: not supported");
        }
        buf.position(sysInfo.position());
        Unpickled u = unpickle(buf, file, true);
        buf.position(buf.position() + u.consumed);
        PickleReader keysReader = new PickleReader(buf, plain, file.toString());
        if (!(keysReader.load() instanceof List<?> keys)) {
            throw new IllegalArgumentException(file + ": the storage key list is missing");
        }
        buf.position(keysReader.position());
        Map<String, Kind> kinds = new HashMap<>();
        for (StorageRef s : u.storages) kinds.put(s.key, s.kind);
        Map<String, ByteBuffer> data = new HashMap<>();
        ByteBuffer le = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        for (Object k : keys) {
            String key = String.valueOf(k);
            Kind kind = kinds.get(key);
            if (kind == null) throw new IllegalArgumentException(file + ": storage " + key + " has no tensor");
            long numel = le.getLong();
            long bytes = numel * kind.bytes;
            if (numel < 0 || bytes > le.remaining()) {
                throw new IllegalArgumentException(file + ": storage " + key + " runs past the end (truncated?)");
            }
            data.put(key, le.slice(le.position(), (int) bytes).order(ByteOrder.LITTLE_ENDIAN));
            le.position(le.position() + (int) bytes);
        }
        return materialize(u, data, file);
    }

    /** Globals for the legacy header pickles: none at all. */
    private static PickleReader.Globals plainData(Path file) {
        return new PickleReader.Globals() {
            @Override
            public PickleReader.Callable resolve(String module, String name) {
                throw new RefusedPickleException("refused global '" + module + "." + name + "'");
            }

            @Override
            public Object persistentLoad(Object pid) {
                throw new RefusedPickleException("a persistent id outside the state dict");
            }
        };
    }

    /** A tensor's storage: its key, element kind and, for a legacy view, its offset into the root storage. */
    private record StorageRef(String key, Kind kind, long numel, long viewOffset) {
    }

    /** A tensor waiting for its storage's bytes (legacy files hold them after the pickle). */
    private record Pending(StorageRef storage, long offset, long[] size, long[] stride) {
    }

    private record StorageType(Kind kind, String name) implements PickleReader.Callable {
        @Override
        public Object call(List<Object> args) {
            throw new RefusedPickleException("calling torch." + name + " (only a storage reference may name it)");
        }
    }

    private static final class Unpickled {
        Object root;
        int consumed;
        final List<StorageRef> storages = new ArrayList<>();
    }

    private static Unpickled unpickle(ByteBuffer buf, Path file, boolean legacy) {
        Unpickled u = new Unpickled();
        PickleReader.Globals globals = new PickleReader.Globals() {
            @Override
            public PickleReader.Callable resolve(String module, String name) {
                if (module.equals("collections") && name.equals("OrderedDict")) return ORDERED_DICT;
                if (module.equals("torch") && STORAGES.containsKey(name)) {
                    return new StorageType(STORAGES.get(name), name);
                }
                if (module.equals("torch._utils") && REBUILDERS.contains(name)) return rebuilder(name);
                throw new RefusedPickleException("refused global '" + module + "." + name + "': a state dict needs "
                        + "only collections.OrderedDict, torch.*Storage and torch._utils._rebuild_*; this file may "
                        + "run code when loaded by Python and is not read");
            }

            @Override
            public Object persistentLoad(Object pid) {
                StorageRef s = storageRef(pid, legacy);
                u.storages.add(s);
                return s;
            }
        };
        int start = buf.position();
        PickleReader reader = new PickleReader(buf, globals, file.toString());
        u.root = reader.load();
        u.consumed = reader.position() - start;
        return u;
    }

    private static StorageRef storageRef(Object pid, boolean legacy) {
        if (!(pid instanceof PickleReader.Tuple t) || t.items().isEmpty() || !"storage".equals(t.items().get(0))) {
            throw new RefusedPickleException("a persistent id that is not a storage reference: " + pid);
        }
        List<Object> p = t.items();
        if (p.size() < 5 || !(p.get(1) instanceof StorageType type)) {
            throw new RefusedPickleException("a malformed storage reference: " + p);
        }
        long numel = integer(p.get(4), "storage size");
        long viewOffset = 0;
        if (legacy && p.size() > 5 && p.get(5) instanceof PickleReader.Tuple view) {
            // (view key, offset into the root storage, view size): the view's elements start at that offset
            viewOffset = integer(view.items().get(1), "storage view offset");
        }
        return new StorageRef(String.valueOf(p.get(2)), type.kind(), numel, viewOffset);
    }

    private static final PickleReader.Callable ORDERED_DICT = new PickleReader.Callable() {
        @Override
        public Object call(List<Object> args) {
            if (!args.isEmpty()) throw new RefusedPickleException("OrderedDict called with arguments");
            return new LinkedHashMap<Object, Object>();
        }

        @Override
        public Object build(Object instance, Object state) {
            // state_dict()'s _metadata attribute (module versions): not needed to rebuild tensors
            if (state != null && !(state instanceof Map<?, ?>)) {
                throw new RefusedPickleException("OrderedDict state that is not a dict");
            }
            return instance;
        }
    };

    private static PickleReader.Callable rebuilder(String name) {
        return args -> {
            if (name.startsWith("_rebuild_parameter")) {
                if (args.isEmpty() || !(args.get(0) instanceof Pending data)) {
                    throw new RefusedPickleException(name + " without a tensor");
                }
                return data;
            }
            if (args.size() < 4 || !(args.get(0) instanceof StorageRef storage)) {
                throw new RefusedPickleException(name + " with arguments " + args);
            }
            return new Pending(storage, integer(args.get(1), "storage offset"), longs(args.get(2), "size"),
                    longs(args.get(3), "stride"));
        };
    }

    private static long integer(Object o, String what) {
        if (o instanceof Long l) return l;
        throw new RefusedPickleException(what + " is not an integer: " + o);
    }

    private static long[] longs(Object o, String what) {
        if (!(o instanceof PickleReader.Tuple t)) throw new RefusedPickleException(what + " is not a tuple: " + o);
        long[] out = new long[t.items().size()];
        for (int i = 0; i < out.length; i++) out[i] = integer(t.items().get(i), what);
        return out;
    }

    private static Map<String, TorchTensor> materialize(Unpickled u, Map<String, ByteBuffer> data, Path file) {
        if (!(u.root instanceof Map<?, ?> dict)) {
            throw new IllegalArgumentException(file + " does not hold a state dict (a dict of tensors) at its top "
                    + "level");
        }
        Map<String, TorchTensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Pending p)) {
                throw new IllegalArgumentException(file + ": entry '" + name + "' is not a tensor (a state dict "
                        + "holds only tensors)");
            }
            try {
                out.put(name, rebuild(p, data.get(p.storage.key)));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "': " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    /** The tensor's elements gathered from its storage by offset, sizes and strides into row-major order. */
    static TorchTensor rebuild(Pending p, ByteBuffer storage) {
        Kind kind = p.storage.kind;
        int dims = p.size.length;
        if (p.stride.length != dims) throw new IllegalArgumentException("sizes and strides differ in length");
        long numel = 1;
        long last = p.offset;
        for (int d = 0; d < dims; d++) {
            if (p.size[d] < 0 || p.stride[d] < 0) throw new IllegalArgumentException("negative size or stride");
            numel = Math.multiplyExact(numel, p.size[d]);
            if (p.size[d] > 0) last = Math.addExact(last, Math.multiplyExact(p.size[d] - 1, p.stride[d]));
        }
        if (numel > MAX_ELEMENTS) throw new IllegalArgumentException("more than 2^31 elements");
        long available = Math.min(storage.capacity() / kind.bytes, p.storage.numel) - p.storage.viewOffset;
        if (p.offset < 0 || (numel > 0 && last >= available)) {
            throw new IllegalArgumentException("the view (offset " + p.offset + ", last element " + last
                    + ") lies outside its storage of " + available + " elements");
        }
        int n = (int) numel;
        float[] floats = kind.floating() ? new float[n] : null;
        long[] ints = kind.floating() ? null : new long[n];
        long[] index = new long[dims];
        long base = p.storage.viewOffset + p.offset;
        long pos = base;
        for (int i = 0; i < n; i++) {
            int at = (int) (pos * kind.bytes);
            if (floats != null) floats[i] = floatAt(storage, at, kind);
            else ints[i] = longAt(storage, at, kind);
            for (int d = dims - 1; d >= 0; d--) {
                if (++index[d] < p.size[d]) {
                    pos += p.stride[d];
                    break;
                }
                pos -= (index[d] - 1) * p.stride[d];
                index[d] = 0;
            }
        }
        return new TorchTensor(kindName(kind), p.size.clone(), floats, ints);
    }

    private static String kindName(Kind k) {
        return STORAGES.entrySet().stream().filter(e -> e.getValue() == k).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
    }

    private static float floatAt(ByteBuffer b, int at, Kind k) {
        return switch (k) {
            case FLOAT32 -> b.getFloat(at);
            case FLOAT64 -> (float) b.getDouble(at);
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
            case FLOAT16 -> halfToFloat(b.getShort(at));
            default -> throw new IllegalStateException(k.name());
        };
    }

    private static long longAt(ByteBuffer b, int at, Kind k) {
        return switch (k) {
            case INT64 -> b.getLong(at);
            case INT32 -> b.getInt(at);
            case INT16 -> b.getShort(at);
            case INT8 -> b.get(at);
            case UINT8, BOOL -> b.get(at) & 0xff;
            default -> throw new IllegalStateException(k.name());
        };
    }

    /** IEEE 754 binary16 to binary32, exactly (subnormals, infinities and NaN included). */
    static float halfToFloat(short h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        int bits;
        if (exp == 0x1f) {
            bits = (sign << 31) | 0x7f800000 | (mant << 13);
        } else if (exp != 0) {
            bits = (sign << 31) | ((exp - 15 + 127) << 23) | (mant << 13);
        } else if (mant == 0) {
            bits = sign << 31;
        } else {
            return (sign == 1 ? -1f : 1f) * mant * 0x1p-24f;
        }
        return Float.intBitsToFloat(bits);
    }
}
