package dev.rex.metrics.meteor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.zip.GZIPInputStream;

/**
 * METEOR 1.5's paraphrase table ({@code paraphrase-en.gz}): gzip text in groups of three lines, a probability
 * (unused by METEOR), a phrase, and one of its paraphrases. Phrases are stored as a trie over word ids so the
 * paraphrases of every phrase starting at a position are found in one walk, as METEOR's transducer does.
 */
final class ParaphraseTable {

    private final Map<String, Integer> vocab = new HashMap<>();
    private final Node root = new Node();
    private final List<int[]> paraphrases = new ArrayList<>();

    private static final class Node {
        Map<Integer, Node> next;
        int[] emits = new int[0];
    }

    private ParaphraseTable() {
    }

    /** Reads a table; throws IllegalArgumentException with a user-facing message when it cannot be read. */
    static ParaphraseTable read(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("METEOR paraphrase table " + file + " cannot be read: give the "
                    + "paraphrase-en.gz of METEOR 1.5 with --meteor-paraphrase, or leave the option out");
        }
        ParaphraseTable t = new ParaphraseTable();
        try (InputStream raw = Files.newInputStream(file);
             BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
                     StandardCharsets.UTF_8), 1 << 16)) {
            for (String prob; (prob = in.readLine()) != null; ) {
                String phrase = in.readLine();
                String para = in.readLine();
                if (phrase == null || para == null) {
                    throw new IllegalArgumentException("METEOR paraphrase table " + file + " ends inside an entry: "
                            + "expected lines of probability, phrase, paraphrase");
                }
                int[] ref = t.ids(phrase);
                int[] par = t.ids(para);
                t.add(ref, t.paraphrases.size());
                t.paraphrases.add(par);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("METEOR paraphrase table " + file + " is not a readable gzip file ("
                    + e.getMessage() + "): give METEOR 1.5's paraphrase-en.gz", e);
        }
        return t;
    }

    /** Word id of a token, or -1 when the table never mentions it. */
    int id(String word) {
        Integer i = vocab.get(word);
        return i == null ? -1 : i;
    }

    /**
     * Phrases of the table starting at {@code start} of {@code words}: pairs {@code [length, paraphraseIndex]}
     * in the order METEOR finds them (shorter phrases first, then table order).
     */
    int[] phrasesAt(int[] words, int start) {
        int[] out = new int[0];
        Node n = root;
        for (int i = start; i < words.length; i++) {
            n = n.next == null ? null : n.next.get(words[i]);
            if (n == null) {
                break;
            }
            for (int e : n.emits) {
                out = Arrays.copyOf(out, out.length + 2);
                out[out.length - 2] = i - start + 1;
                out[out.length - 1] = e;
            }
        }
        return out;
    }

    int[] paraphrase(int index) {
        return paraphrases.get(index);
    }

    private int[] ids(String phrase) {
        StringTokenizer tok = new StringTokenizer(phrase);
        int[] ids = new int[tok.countTokens()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocab.computeIfAbsent(tok.nextToken(), w -> vocab.size());
        }
        return ids;
    }

    private void add(int[] words, int emit) {
        Node n = root;
        for (int w : words) {
            if (n.next == null) {
                n.next = new HashMap<>(2);
            }
            n = n.next.computeIfAbsent(w, k -> new Node());
        }
        n.emits = Arrays.copyOf(n.emits, n.emits.length + 1);
        n.emits[n.emits.length - 1] = emit;
    }
}
