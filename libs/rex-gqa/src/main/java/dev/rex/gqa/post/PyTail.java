package dev.rex.gqa.post;

import java.util.List;

/** Python list slicing on word lists: {@code ' '.join(t[-n:])} and {@code t[a:b]} with clamped bounds. */
final class PyTail {
    private PyTail() {
    }

    static String join(List<String> t, int n) {
        return String.join(" ", t.subList(Math.max(0, t.size() - n), t.size()));
    }

    static List<String> slice(List<String> t, int from, int to) {
        int a = Math.max(0, Math.min(from, t.size()));
        int b = Math.max(0, Math.min(to, t.size()));
        return b <= a ? List.of() : t.subList(a, b);
    }
}
