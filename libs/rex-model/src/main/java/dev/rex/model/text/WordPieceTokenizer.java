package dev.rex.model.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, offline: {@link BasicTokenizer} then greedy longest-match-first word pieces
 * (continuations prefixed {@code ##}; a word that cannot be covered, or longer than 100 characters, becomes
 * {@code [UNK]}). With {@code bert-base-uncased}'s {@code vocab.txt} it gives the ids of HuggingFace's
 * {@code BertTokenizer}; without one, {@link #buildVocabulary} makes a vocabulary from training questions.
 *
 * <p>A question is encoded as {@code [CLS] pieces [SEP]}, then cut (REX's {@code text_input[:seq_len]}, which may
 * drop {@code [SEP]}) or padded with {@code [PAD]} to a fixed length (REX: 20 in training, 35 in evaluation); token types are 0 and the mask marks real tokens.
 */
public final class WordPieceTokenizer {
    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";
    public static final String CLS = "[CLS]";
    public static final String SEP = "[SEP]";
    public static final String MASK = "[MASK]";
    private static final int MAX_WORD_CHARS = 100;

    private final List<String> vocab;
    private final Map<String, Integer> ids;
    private final int pad;
    private final int unk;
    private final int cls;
    private final int sep;

    public WordPieceTokenizer(List<String> vocab) {
        this.vocab = List.copyOf(vocab);
        this.ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.putIfAbsent(vocab.get(i), i);
        }
        pad = special(PAD);
        unk = special(UNK);
        cls = special(CLS);
        sep = special(SEP);
    }

    /** Reads a {@code vocab.txt} (one token per line; line i is id i). */
    public static WordPieceTokenizer load(Path vocabTxt) throws IOException {
        if (!Files.isRegularFile(vocabTxt)) {
            throw new IllegalArgumentException("tokenizer vocabulary not found: " + vocabTxt);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(vocabTxt, StandardCharsets.UTF_8));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // a trailing newline is not a token
        }
        return new WordPieceTokenizer(lines);
    }

    /**
     * A vocabulary from training questions: the five special tokens, then every pre-token seen at least
     * {@code minCount} times (first-appearance order), then every character seen, alone and as a {@code ##}
     * continuation, so that an unseen word still splits into known pieces instead of {@code [UNK]}.
     */
    public static List<String> buildVocabulary(Iterable<String> questions, int minCount) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Boolean> chars = new LinkedHashMap<>();
        for (String q : questions) {
            for (String w : BasicTokenizer.tokenize(q)) {
                counts.merge(w, 1, Integer::sum);
                w.codePoints().forEach(cp -> chars.put(new String(Character.toChars(cp)), true));
            }
        }
        LinkedHashMap<String, Boolean> out = new LinkedHashMap<>();
        for (String s : List.of(PAD, UNK, CLS, SEP, MASK)) {
            out.put(s, true);
        }
        counts.forEach((w, n) -> {
            if (n >= minCount) {
                out.putIfAbsent(w, true);
            }
        });
        chars.keySet().forEach(c -> out.putIfAbsent(c, true));
        chars.keySet().forEach(c -> out.putIfAbsent("##" + c, true));
        return new ArrayList<>(out.keySet());
    }

    public List<String> vocabulary() {
        return vocab;
    }

    public int size() {
        return vocab.size();
    }

    /** Word pieces of {@code text} (no special tokens). */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String word : BasicTokenizer.tokenize(text)) {
            wordPieces(word, out);
        }
        return out;
    }

    private void wordPieces(String word, List<String> out) {
        if (word.codePointCount(0, word.length()) > MAX_WORD_CHARS) {
            out.add(UNK);
            return;
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            String found = null;
            while (start < end) {
                String piece = (start > 0 ? "##" : "") + word.substring(start, end);
                if (ids.containsKey(piece)) {
                    found = piece;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (found == null) {
                out.add(UNK);
                return;
            }
            pieces.add(found);
            start = end;
        }
        out.addAll(pieces);
    }

    public int id(String token) {
        return ids.getOrDefault(token, unk);
    }

    /**
     * {@code [CLS] pieces [SEP]} cut to its first {@code maxLen} ids or padded to {@code maxLen}. A long question
     * loses its {@code [SEP]} (and last pieces), exactly as REX's data loader cuts the tokenizer's output with
     * {@code text_input[:seq_len]}.
     */
    public Encoding encode(String question, int maxLen) {
        if (maxLen < 1) {
            throw new IllegalArgumentException("maxLen must be at least 1, got " + maxLen);
        }
        List<String> pieces = tokenize(question);
        long[] inputIds = new long[maxLen];
        long[] mask = new long[maxLen];
        int n = Math.min(pieces.size() + 2, maxLen);
        for (int i = 0; i < maxLen; i++) {
            if (i < n) {
                inputIds[i] = i == 0 ? cls : i <= pieces.size() ? id(pieces.get(i - 1)) : sep;
                mask[i] = 1;
            } else {
                inputIds[i] = pad;
            }
        }
        return new Encoding(inputIds, new long[maxLen], mask);
    }

    /** Ids, token types (all 0: one segment) and attention mask of one question, each of the padded length. */
    public record Encoding(long[] inputIds, long[] tokenType, long[] attentionMask) {
    }

    private int special(String token) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("tokenizer vocabulary lacks the special token " + token
                    + " (a BERT vocab.txt has [PAD], [UNK], [CLS], [SEP])");
        }
        return id;
    }

    /** Read-only view of the token-to-id map. */
    public Map<String, Integer> ids() {
        return Collections.unmodifiableMap(ids);
    }
}
