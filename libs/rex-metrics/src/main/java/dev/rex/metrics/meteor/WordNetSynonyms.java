package dev.rex.metrics.meteor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * METEOR 1.5's synonym dictionary, rebuilt from the WordNet 3.0 database files of Maven Central's
 * {@code net.sf.extjwnl:extjwnl-data-wn30}. METEOR's own {@code english.synsets} maps every WordNet 3.0 lemma
 * (all parts of speech together) to the byte offsets of its synsets, and {@code english.exceptions} maps each
 * irregular form of the four {@code *.exc} files to its base forms; both are read here from the same sources.
 * Offsets carry no part of speech (as in METEOR), so a noun and a verb synset with the same offset count as shared.
 * Two words are synonyms when the synsets of the words, or of their WordNet base forms, intersect. SPICE's synonym
 * matching uses the same dictionary (as SPICE 1.0 uses METEOR's).
 */
public final class WordNetSynonyms {

    private static final String DIR = "/net/sf/extjwnl/data/wordnet/wn30/";
    private static final String[] POS = {"noun", "verb", "adj", "adv"};

    // WordNet 3.0's morphy detachment rules in METEOR's order: noun, verb, adjective suffixes and their endings.
    private static final String[] SUFFIX = {"s", "ses", "xes", "zes", "ches", "shes", "men", "ies",
            "s", "ies", "es", "es", "ed", "ed", "ing", "ing", "er", "est", "er", "est"};
    private static final String[] ENDING = {"", "s", "x", "z", "ch", "sh", "man", "y",
            "", "y", "e", "", "e", "", "e", "", "", "", "e", "e"};

    private static final int[] NONE = new int[0];

    private static volatile WordNetSynonyms instance;

    private final Map<String, int[]> synsets;
    private final Map<String, List<String>> bases;

    private WordNetSynonyms(Map<String, int[]> synsets, Map<String, List<String>> bases) {
        this.synsets = synsets;
        this.bases = bases;
    }

    /** The dictionary, loaded once per JVM (about 1 s, ~40 MB). */
    public static WordNetSynonyms get() {
        WordNetSynonyms s = instance;
        if (s == null) {
            synchronized (WordNetSynonyms.class) {
                s = instance;
                if (s == null) {
                    s = load();
                    instance = s;
                }
            }
        }
        return s;
    }

    /** The synset offsets of {@code word} and of its base form (exception list or morphy suffix rules), sorted. */
    public int[] synsetsWithBase(String word) {
        int[] own = synsets.getOrDefault(word, NONE);
        int[] base = baseSynsets(word);
        if (base.length == 0) {
            return own;
        }
        if (own.length == 0) {
            return base;
        }
        int[] all = Arrays.copyOf(own, own.length + base.length);
        System.arraycopy(base, 0, all, own.length, base.length);
        Arrays.sort(all);
        return all;
    }

    /** Whether two sorted synset arrays share an element. */
    public static boolean intersect(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    private int[] baseSynsets(String word) {
        List<String> listed = bases.get(word);
        if (listed != null) {
            int[] all = NONE;
            for (String b : listed) {
                int[] s = synsets.getOrDefault(b, NONE);
                if (s.length > 0) {
                    int[] merged = Arrays.copyOf(all, all.length + s.length);
                    System.arraycopy(s, 0, merged, all.length, s.length);
                    all = merged;
                }
            }
            Arrays.sort(all);
            return all;
        }
        return synsets.getOrDefault(morph(word), NONE);
    }

    /**
     * METEOR's morphy: words ending in "ss" or of at most two letters are their own base; otherwise the first
     * suffix rule whose result is a WordNet lemma gives the base, and no match gives no base.
     */
    private String morph(String word) {
        if (word.endsWith("ss") || word.length() <= 2) {
            return word;
        }
        for (int i = 0; i < SUFFIX.length; i++) {
            if (word.endsWith(SUFFIX[i])) {
                String candidate = word.substring(0, word.length() - SUFFIX[i].length()) + ENDING[i];
                if (synsets.containsKey(candidate)) {
                    return candidate;
                }
            }
        }
        return "";
    }

    private static WordNetSynonyms load() {
        Map<String, int[]> synsets = new HashMap<>(200_000);
        Map<String, List<String>> bases = new HashMap<>(8_000);
        for (String pos : POS) {
            readLines("index." + pos, line -> {
                if (line.startsWith("  ")) {
                    return; // license header
                }
                String[] f = line.split(" ");
                // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
                int synsetCount = Integer.parseInt(f[2]);
                int pointerCount = Integer.parseInt(f[3]);
                int first = 4 + pointerCount + 2;
                int[] offsets = new int[synsetCount];
                for (int k = 0; k < synsetCount; k++) {
                    offsets[k] = Integer.parseInt(f[first + k]);
                }
                synsets.merge(f[0], offsets, WordNetSynonyms::union);
            });
            readLines(pos + ".exc", line -> {
                String[] f = line.trim().split(" ");
                if (f.length < 2) {
                    return;
                }
                List<String> b = bases.computeIfAbsent(f[0], k -> new ArrayList<>(2));
                b.addAll(Arrays.asList(f).subList(1, f.length));
            });
        }
        synsets.replaceAll((w, s) -> {
            int[] sorted = s.clone();
            Arrays.sort(sorted);
            return sorted;
        });
        return new WordNetSynonyms(synsets, bases);
    }

    private static int[] union(int[] a, int[] b) {
        int[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private interface LineSink {
        void accept(String line);
    }

    private static void readLines(String file, LineSink sink) {
        try (InputStream in = WordNetSynonyms.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("WordNet 3.0 file " + file + " not found on the class path: "
                        + "net.sf.extjwnl:extjwnl-data-wn30 must be a dependency of rex-metrics");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    sink.accept(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
