package dev.rex.metrics;

import dev.rex.gqa.text.PyText;

import edu.stanford.nlp.ling.HasWord;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * pycocoevalcap's {@code PTBTokenizer.tokenize}, in-process, with the real Stanford PTBTokenizer of CoreNLP
 * 3.4.1 (ARCHITECTURE §6: use it, do not imitate it).
 *
 * <p>What pycocoevalcap does, and what this class reproduces step by step:
 * <ol>
 *   <li>every caption has {@code '\n'} replaced by a space; all captions (in map order) are joined with
 *       {@code '\n'} into one text;</li>
 *   <li>{@code java edu.stanford.nlp.process.PTBTokenizer -preserveLines -lowerCase FILE} runs over that text.
 *       Its {@code main} (3.4.1, checked in the bytecode) builds the option string {@code ",tokenizeNLs"} for
 *       {@code -preserveLines}, creates {@code new PTBTokenizer(reader, new CoreLabelTokenFactory(), options)},
 *       lower-cases every token's text with {@code toLowerCase(Locale.ENGLISH)}, writes a line break for each
 *       {@code *NL*} token and otherwise the tokens separated by one space;</li>
 *   <li>the output is split on {@code '\n'} and zipped with the captions; each line is {@code rstrip}ped, split
 *       on {@code ' '}, the tokens of {@link #PUNCTUATIONS} are dropped (note: upper-case {@code -LRB-} etc., so
 *       the lower-cased {@code -lrb-} stays) and the rest joined by single spaces.</li>
 * </ol>
 *
 * <p>Speed: the text is cut into chunks at line boundaries that are tokenized on several threads, each with
 * its own {@link PTBTokenizer} (a lexer instance is not shared; its tables are immutable). The lexer looks
 * ahead across a line break (e.g. abbreviations before a line starting in upper case), so each chunk is fed
 * with the next line appended and only the tokens that begin inside the chunk are kept: the result is the
 * single-pass result. Tokens are made by a factory that keeps only text and offset (the lexer decides the text;
 * CoreLabels are needed only for its {@code invertible} option), and punctuation is filtered while each line is
 * written. Checked: identical to a run of PTBTokenizer's own {@code main} on 200,000 generated sentences, and
 * the tests compare the fast path with the {@code CoreLabelTokenFactory} single-pass path on awkward input.
 * The text is handed over as Java characters, as pycocoevalcap (salaniz) writes its temporary file in UTF-8 and
 * {@code main} reads it as UTF-8.
 */
public final class PtbTokenizer {

    /** pycocoevalcap's {@code PUNCTUATIONS}, removed after tokenization. */
    public static final Set<String> PUNCTUATIONS = Set.of(
            "''", "'", "``", "`", "-LRB-", "-RRB-", "-LCB-", "-RCB-", ".", "?", "!", ",", ":", "-", "--", "...", ";");

    /** The options PTBTokenizer's {@code main} passes for {@code -preserveLines}. */
    static final String OPTIONS = ",tokenizeNLs";

    private static final String NEWLINE_TOKEN = PTBTokenizer.getNewlineToken();
    private static final int CHUNK_LINES = 2048;

    private final int threads;

    /** A tokenizer using one thread per available processor. */
    public PtbTokenizer() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public PtbTokenizer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    /** Tokenizes every caption of {@code captions} (qid to its captions), keeping qid and caption order. */
    public Map<String, List<String>> tokenize(Map<String, List<String>> captions) {
        List<String> flat = new ArrayList<>();
        captions.values().forEach(flat::addAll);
        List<String> tokenized = tokenizeAll(flat);
        Map<String, List<String>> out = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, List<String>> e : captions.entrySet()) {
            List<String> mine = new ArrayList<>(e.getValue().size());
            for (int k = 0; k < e.getValue().size(); k++) {
                mine.add(tokenized.get(i++));
            }
            out.put(e.getKey(), mine);
        }
        return out;
    }

    /** Tokenizes one caption on its own (same result as inside a batch, barring cross-line lookahead). */
    public String tokenizeOne(String caption) {
        return tokenizeAll(List.of(caption)).get(0);
    }

    /** Tokenizes the captions as one pycocoevalcap batch; returns one string per caption, in order. */
    public List<String> tokenizeAll(List<String> captions) {
        return tokenizeAll(captions, CHUNK_LINES);
    }

    /** The whole batch as one PTBTokenizer run, exactly like pycocoevalcap's subprocess (tests compare). */
    List<String> tokenizeAllSinglePass(List<String> captions) {
        return tokenizeAll(captions, Math.max(1, captions.size()), true);
    }

    private List<String> tokenizeAll(List<String> captions, int chunkLines) {
        return tokenizeAll(captions, chunkLines, false);
    }

    private List<String> tokenizeAll(List<String> captions, int chunkLines, boolean reference) {
        int n = captions.size();
        List<String> lines = new ArrayList<>(n);
        for (String c : captions) {
            lines.add(c.replace('\n', ' '));
        }
        List<String> outLines = new ArrayList<>(n + 1);
        int chunks = (int) (((long) n + chunkLines - 1) / chunkLines);
        if (threads == 1 || chunks <= 1) {
            for (int c = 0; c < Math.max(chunks, 1); c++) {
                int from = c * chunkLines;
                outLines.addAll(tokenizeChunk(lines, from, (int) Math.min(n, (long) from + chunkLines), reference));
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, chunks), r -> {
                Thread t = new Thread(r, "ptb-tokenizer");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<List<String>>> parts = new ArrayList<>(chunks);
                for (int c = 0; c < chunks; c++) {
                    int from = c * chunkLines;
                    int to = Math.min(n, from + chunkLines);
                    parts.add(pool.submit(() -> tokenizeChunk(lines, from, to, reference)));
                }
                for (Future<List<String>> f : parts) {
                    outLines.addAll(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("tokenization interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("tokenization failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        // zip(image_id, lines): extra output lines are ignored; a missing one (never seen) counts as empty.
        // Lines arrive already filtered of PUNCTUATIONS (see tokenizeChunk).
        List<String> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(i < outLines.size() ? outLines.get(i) : "");
        }
        return result;
    }

    /**
     * Output lines of PTBTokenizer's {@code -preserveLines} writer for lines [from, to), as one run over the
     * whole text would print them (the next line is appended as lookahead context, its tokens not printed).
     * {@code reference} selects {@link CoreLabelTokenFactory}, exactly what {@code main} uses; otherwise a
     * token object holding only text and offset (the lexer's text is the same: the factory only wraps it,
     * and PTBLexer needs CoreLabels only for the {@code invertible} option, which is off).
     */
    private static List<String> tokenizeChunk(List<String> lines, int from, int to, boolean reference) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                text.append('\n');
            }
            text.append(lines.get(i));
        }
        int chunkEnd = text.length();
        if (to < lines.size()) {
            text.append('\n').append(lines.get(to));
        }
        List<String> out = new ArrayList<>(to - from);
        // Each output line is built already filtered; a line whose tokens hold whitespace (where Python's
        // rstrip/split(' ') could cut differently) is rebuilt from its raw text by dropPunctuation instead.
        StringBuilder kept = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        boolean irregular = false;
        boolean beginLine = true;
        StringReader reader = new StringReader(text.toString());
        Iterator<? extends HasWord> tokens = reference
                ? new PTBTokenizer<>(reader, new CoreLabelTokenFactory(), OPTIONS)
                : new PTBTokenizer<>(reader, LightToken::new, OPTIONS);
        while (tokens.hasNext()) {
            HasWord token = tokens.next();
            int begin = reference ? ((CoreLabel) token).beginPosition() : ((LightToken) token).begin;
            if (begin >= chunkEnd) {
                break; // the lookahead line belongs to the next chunk
            }
            String orig = token.word();
            if (NEWLINE_TOKEN.equals(orig)) {
                out.add(irregular || reference ? dropPunctuation(raw.toString()) : kept.toString());
                kept.setLength(0);
                raw.setLength(0);
                irregular = false;
                beginLine = true;
                continue;
            }
            String word = orig.toLowerCase(Locale.ENGLISH);
            if (!beginLine) {
                raw.append(' ');
            }
            beginLine = false;
            raw.append(word);
            if (word.isEmpty() || hasSpace(word)) {
                irregular = true;
            } else if (!isPunctuation(word)) {
                if (kept.length() > 0) {
                    kept.append(' ');
                }
                kept.append(word);
            }
        }
        out.add(irregular || reference ? dropPunctuation(raw.toString()) : kept.toString());
        return out;
    }

    private static boolean hasSpace(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (PyText.isSpace(w.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code w in PUNCTUATIONS}, with a cheap first test (every entry is short and starts with punctuation). */
    private static boolean isPunctuation(String w) {
        if (w.length() > 5) {
            return false;
        }
        char c = w.charAt(0);
        if (c != '\'' && c != '`' && c != '-' && c != '.' && c != '?' && c != '!' && c != ',' && c != ':' && c != ';') {
            return false;
        }
        return PUNCTUATIONS.contains(w);
    }

    /** A token as the lexer made it: its text and where it begins. */
    private static final class LightToken implements HasWord {
        private static final long serialVersionUID = 1L;
        private String word;
        final int begin;

        LightToken(String word, int begin, int length) {
            this.word = word;
            this.begin = begin;
        }

        @Override
        public String word() {
            return word;
        }

        @Override
        public void setWord(String word) {
            this.word = word;
        }
    }

    /** pycocoevalcap's per-line post-processing: rstrip, split on ' ', drop PUNCTUATIONS, join. */
    static String dropPunctuation(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        boolean first = true;
        for (String w : PyText.split(PyText.rstrip(line), ' ')) {
            if (PUNCTUATIONS.contains(w)) {
                continue;
            }
            if (!first) {
                sb.append(' ');
            }
            first = false;
            sb.append(w);
        }
        return sb.toString();
    }
}
