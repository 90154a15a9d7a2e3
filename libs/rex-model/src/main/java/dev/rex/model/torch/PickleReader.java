package dev.rex.model.torch;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A restricted unpickler: it builds only plain data (None, booleans, integers, floats, strings, bytes, lists,
 * tuples, dicts) and calls only the globals its {@link Globals} resolves, which are Java functions of ours; any
 * other global is refused with an error that names it. No Python code is ever run and no class is loaded from the
 * file: the pickle is data to us.
 *
 * <p>Covers the opcodes of protocols 0–5 that plain data and {@code torch.save} use. Opcodes that instantiate
 * arbitrary classes ({@code INST}, {@code OBJ}, {@code NEWOBJ}, {@code NEWOBJ_EX}) and extension codes are refused.
 */
final class PickleReader {
    /** What a pickle may call: a global by module and name, and persistent ids (torch's storages). */
    interface Globals {
        /** The callable for {@code module.name}; throws {@link RefusedPickleException} when it is not allowed. */
        Callable resolve(String module, String name);

        /** The object a persistent id stands for. */
        Object persistentLoad(Object pid);
    }

    /** A global we allow: called by REDUCE with its argument tuple; BUILD hands it the state of what it made. */
    interface Callable {
        Object call(List<Object> args);

        /** BUILD on an object this callable produced. Default: state is ignored only when empty. */
        default Object build(Object instance, Object state) {
            throw new RefusedPickleException("BUILD (set state) on " + instance.getClass().getSimpleName());
        }
    }

    /** Python's tuple, kept apart from lists (they differ in what callers accept). */
    record Tuple(List<Object> items) {
    }

    private static final Object MARK = new Object();

    private final ByteBuffer in;
    private final Globals globals;
    private final String source;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final Map<Object, Callable> producedBy = new java.util.IdentityHashMap<>();

    PickleReader(ByteBuffer in, Globals globals, String source) {
        this.in = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.in.position(in.position());
        this.globals = globals;
        this.source = source;
    }

    /** Bytes consumed so far (the position after STOP once {@link #load} returns). */
    int position() {
        return in.position();
    }

    Object load() {
        try {
            while (true) {
                int at = in.position();
                int op = in.get() & 0xff;
                switch (op) {
                    case 0x80 -> in.get();                                   // PROTO
                    case 0x95 -> in.getLong();                               // FRAME
                    case '.' -> {                                            // STOP
                        return pop();
                    }
                    case '(' -> { marks.add(stack.size()); stack.add(MARK); } // MARK
                    case '0' -> pop();                                       // POP
                    case '1' -> popMark();                                   // POP_MARK
                    case '2' -> push(peek());                                // DUP
                    case 'N' -> push(null);
                    case 0x88 -> push(Boolean.TRUE);
                    case 0x89 -> push(Boolean.FALSE);
                    case 'J' -> push((long) in.getInt());                    // BININT
                    case 'K' -> push((long) (in.get() & 0xff));              // BININT1
                    case 'M' -> push((long) (in.getShort() & 0xffff));       // BININT2
                    case 0x8a -> push(longOf(bytes(in.get() & 0xff)));       // LONG1
                    case 0x8b -> push(longOf(bytes(length(in.getInt())))); // LONG4
                    case 'I' -> push(parseInt(line()));                      // INT (protocol 0)
                    case 'L' -> push(parseInt(line().replace("L", "")));     // LONG (protocol 0)
                    case 'G' -> push(ByteBuffer.wrap(bytes(8)).order(ByteOrder.BIG_ENDIAN).getDouble()); // BINFLOAT
                    case 'F' -> push(Double.parseDouble(line()));            // FLOAT
                    case 'X' -> push(utf8(length(in.getInt())));             // BINUNICODE
                    case 0x8c -> push(utf8(in.get() & 0xff));                // SHORT_BINUNICODE
                    case 0x8d -> push(utf8(length(in.getLong())));           // BINUNICODE8
                    case 'T' -> push(latin1(length(in.getInt())));           // BINSTRING
                    case 'U' -> push(latin1(in.get() & 0xff));               // SHORT_BINSTRING
                    case 'B' -> push(bytes(length(in.getInt())));            // BINBYTES
                    case 'C' -> push(bytes(in.get() & 0xff));                // SHORT_BINBYTES
                    case 0x8e -> push(bytes(length(in.getLong())));          // BINBYTES8
                    case ']' -> push(new ArrayList<>());                     // EMPTY_LIST
                    case 'l' -> push(new ArrayList<>(popMark()));            // LIST
                    case 'a' -> asList(peekBelow(1), at).add(pop());         // APPEND (list is under the item)
                    case 'e' -> {                                            // APPENDS
                        List<Object> items = popMark();
                        asList(peek(), at).addAll(items);
                    }
                    case ')' -> push(new Tuple(List.of()));                  // EMPTY_TUPLE
                    case 't' -> push(tuple(popMark()));                      // TUPLE
                    case 0x85 -> push(tuple(List.of(pop())));                // TUPLE1
                    case 0x86 -> {                                           // TUPLE2
                        Object b = pop();
                        push(tuple(Arrays.asList(pop(), b)));
                    }
                    case 0x87 -> {                                           // TUPLE3
                        Object c = pop();
                        Object b = pop();
                        push(tuple(Arrays.asList(pop(), b, c)));
                    }
                    case '}' -> push(new LinkedHashMap<>());                 // EMPTY_DICT
                    case 'd' -> push(dict(popMark(), at));                   // DICT
                    case 's' -> {                                            // SETITEM
                        Object v = pop();
                        Object k = pop();
                        asMap(peek(), at).put(key(k, at), v);
                    }
                    case 'u' -> {                                            // SETITEMS
                        List<Object> kv = popMark();
                        asMap(peek(), at).putAll(dict(kv, at));
                    }
                    case 'g' -> push(memoGet(parseInt(line()), at));         // GET
                    case 'h' -> push(memoGet(in.get() & 0xff, at));          // BINGET
                    case 'j' -> push(memoGet(in.getInt() & 0xffffffffL, at)); // LONG_BINGET
                    case 'p' -> memo.put(parseInt(line()), peek());          // PUT
                    case 'q' -> memo.put((long) (in.get() & 0xff), peek());  // BINPUT
                    case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek()); // LONG_BINPUT
                    case 0x94 -> memo.put((long) memo.size(), peek());       // MEMOIZE
                    case 'c' -> {                                            // GLOBAL
                        String module = line();
                        push(globals.resolve(module, line()));
                    }
                    case 0x93 -> {                                           // STACK_GLOBAL
                        Object name = pop();
                        Object module = pop();
                        if (!(module instanceof String m) || !(name instanceof String n)) {
                            throw refused("STACK_GLOBAL with non-string operands", at);
                        }
                        push(globals.resolve(m, n));
                    }
                    case 'R' -> {                                            // REDUCE
                        Object args = pop();
                        Object fn = pop();
                        if (!(fn instanceof Callable c)) throw refused("REDUCE on a value that is not a global", at);
                        if (!(args instanceof Tuple t)) throw refused("REDUCE with arguments that are not a tuple", at);
                        Object made = c.call(t.items());
                        if (made != null) producedBy.put(made, c);
                        push(made);
                    }
                    case 'b' -> {                                            // BUILD
                        Object state = pop();
                        Object obj = pop();
                        Callable maker = obj == null ? null : producedBy.get(obj);
                        if (maker == null) throw refused("BUILD on an object no allowed global made", at);
                        push(maker.build(obj, state));
                    }
                    case 'Q' -> push(globals.persistentLoad(pop()));         // BINPERSID
                    case 'P' -> push(globals.persistentLoad(line()));        // PERSID
                    default -> throw refused(String.format("opcode 0x%02x", op), at);
                }
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new RefusedPickleException(source + ": the pickle ends early (truncated file?)");
        } catch (RefusedPickleException e) {
            throw e.in(source);
        }
    }

    private RefusedPickleException refused(String what, int at) {
        return new RefusedPickleException(what + " at byte " + at);
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        if (stack.isEmpty()) throw new RefusedPickleException("stack underflow: not a valid pickle");
        Object o = stack.remove(stack.size() - 1);
        if (o == MARK) throw new RefusedPickleException("unexpected MARK: not a valid pickle");
        return o;
    }

    private Object peek() {
        return peekBelow(0);
    }

    private Object peekBelow(int depth) {
        int i = stack.size() - 1 - depth;
        if (i < 0 || stack.get(i) == MARK) throw new RefusedPickleException("stack underflow: not a valid pickle");
        return stack.get(i);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) throw new RefusedPickleException("no MARK on the stack: not a valid pickle");
        int m = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private Object memoGet(long key, int at) {
        if (!memo.containsKey(key)) throw refused("memo key " + key + " read before it was written", at);
        return memo.get(key);
    }

    private static Tuple tuple(List<Object> items) {
        return new Tuple(java.util.Collections.unmodifiableList(new ArrayList<>(items)));
    }

    @SuppressWarnings("unchecked")
    private List<Object> asList(Object o, int at) {
        if (o instanceof ArrayList<?> l) return (List<Object>) l;
        throw refused("APPEND to a value that is not a list", at);
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> asMap(Object o, int at) {
        if (o instanceof Map<?, ?> m) return (Map<Object, Object>) m;
        throw refused("SETITEM on a value that is not a dict", at);
    }

    private Map<Object, Object> dict(List<Object> kv, int at) {
        if (kv.size() % 2 != 0) throw refused("a dict with an odd number of keys and values", at);
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.size(); i += 2) m.put(key(kv.get(i), at), kv.get(i + 1));
        return m;
    }

    /** Keys are strings, numbers, booleans or None: plain values with Java equality. */
    private Object key(Object k, int at) {
        if (k == null || k instanceof String || k instanceof Long || k instanceof Boolean || k instanceof Double
                || k instanceof BigInteger) {
            return k;
        }
        if (k instanceof Tuple t) return t.items();
        throw refused("a dict key of type " + k.getClass().getSimpleName(), at);
    }

    private int length(long n) {
        if (n < 0 || n > in.remaining()) {
            throw new RefusedPickleException("a length of " + n + " bytes runs past the end of the pickle");
        }
        return (int) n;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[length(n)];
        in.get(b);
        return b;
    }

    private String utf8(int n) {
        return new String(bytes(n), StandardCharsets.UTF_8);
    }

    private String latin1(int n) {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    /** A newline-terminated text argument (protocol 0 opcodes and GLOBAL). */
    private String line() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            byte b = in.get();
            if (b == '\n') return sb.toString();
            if (sb.length() > 1000) throw new RefusedPickleException("a text argument longer than 1000 bytes");
            sb.append((char) (b & 0xff));
        }
    }

    private static long parseInt(String s) {
        String t = s.trim();
        if (t.equals("00")) return 0;  // protocol 0's False
        if (t.equals("01")) return 1;  // and True
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new RefusedPickleException("an integer that is not a 64-bit number: " + t);
        }
    }

    /** Little-endian two's complement; values beyond 64 bits stay BigInteger (torch's legacy magic number). */
    private static Object longOf(byte[] le) {
        if (le.length == 0) return 0L;
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) be[i] = le[le.length - 1 - i];
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }
}
