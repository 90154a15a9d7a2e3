package dev.rex.metrics;

/**
 * Interns words given as character ranges of a sentence, so splitting and numbering need no substring per
 * occurrence (only the first occurrence of a word is copied out).
 */
final class WordTable {

    private String[] words;
    private String[] byId = new String[64];
    private int[] hashes;
    private int[] ids;
    private int size;
    private int mask;

    WordTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        words = new String[cap];
        hashes = new int[cap];
        ids = new int[cap];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** The id of {@code s[from:to]}, assigning the next dense id when the word is new. */
    int id(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        int len = to - from;
        int slot = mix(h) & mask;
        while (words[slot] != null) {
            String w = words[slot];
            if (hashes[slot] == h && w.length() == len && w.regionMatches(0, s, from, len)) {
                return ids[slot];
            }
            slot = (slot + 1) & mask;
        }
        words[slot] = s.substring(from, to);
        hashes[slot] = h;
        int id = size++;
        ids[slot] = id;
        if (id == byId.length) {
            byId = java.util.Arrays.copyOf(byId, id * 2);
        }
        byId[id] = words[slot];
        if (size * 2 > words.length) {
            grow();
        }
        return id;
    }

    /** The words in id order. */
    String[] wordsById() {
        return java.util.Arrays.copyOf(byId, size);
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void grow() {
        String[] ow = words;
        int[] oh = hashes;
        int[] oi = ids;
        int cap = ow.length * 2;
        words = new String[cap];
        hashes = new int[cap];
        ids = new int[cap];
        mask = cap - 1;
        for (int i = 0; i < ow.length; i++) {
            if (ow[i] != null) {
                int slot = mix(oh[i]) & mask;
                while (words[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                words[slot] = ow[i];
                hashes[slot] = oh[i];
                ids[slot] = oi[i];
            }
        }
    }
}
