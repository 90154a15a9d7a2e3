package dev.rex.metrics.meteor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.regex.Pattern;

/**
 * METEOR 1.5's English normaliser ({@code -norm}: tokenize, keep punctuation, then lower-case). It is a Moses-style
 * tokenizer with METEOR's additions: quote and dash normalisation, dashes between words removed, English
 * contractions split to the right ({@code 's -> ' s}, {@code n't -> n 't}), and dots split unless the word is a
 * nonbreaking prefix or is followed by a lower-case word. pycocoevalcap feeds it text that the PTB tokenizer has
 * already split and lower-cased, so the visible effects are mostly the contraction, hyphen and {@code ?!} splits.
 */
final class MeteorNormalizer {

    // Letters (Western European + Cyrillic ranges) and letters-or-digits, as METEOR defines them.
    private static final String ALPHA = "A-Za-z\u0160\u017D\u0161\u017E\u0178\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u017E"
            + "\u0400-\u04FF\u0500-\u0527\uA640-\uA66E\uA67E-\uA697\u1D00-\u1D7F";
    private static final String ALNUM = "0-9" + ALPHA;

    private static final Pattern SEPARATE_OTHER = Pattern.compile("([^" + ALNUM + "\\s.'`,\\-\u2018\u2019])");
    private static final Pattern MULTI_DOT = Pattern.compile("\\.([.]+)");
    private static final Pattern MULTI_DOT_NEXT = Pattern.compile("DOTMULTI\\.([^.])");
    private static final Pattern COMMA_1 = Pattern.compile("([^\\p{Digit}])[,]([^\\p{Digit}])");
    private static final Pattern COMMA_2 = Pattern.compile("([\\p{Digit}])[,]([^\\p{Digit}])");
    private static final Pattern COMMA_3 = Pattern.compile("([^\\p{Digit}])[,]([\\p{Digit}])");
    private static final Pattern SINGLE_QUOTES = Pattern.compile("([`\u2018\u2019])");
    private static final Pattern DOUBLE_QUOTES = Pattern.compile("([\u201C\u201D]|'')");
    private static final Pattern DASH_BETWEEN_WORDS = Pattern.compile("([" + ALNUM + ".])[\\-]([" + ALNUM + "])");
    private static final Pattern APOS_NONE = Pattern.compile("([^" + ALPHA + "])[']([^" + ALPHA + "])");
    private static final Pattern APOS_RIGHT = Pattern.compile("([^" + ALPHA + "\\p{Digit}])[']([" + ALPHA + "])");
    private static final Pattern APOS_LEFT = Pattern.compile("([" + ALPHA + "])[']([^" + ALPHA + "])");
    private static final Pattern APOS_INSIDE = Pattern.compile("([" + ALPHA + "])[']([" + ALPHA + "])");
    private static final Pattern APOS_DECADE = Pattern.compile("([\\p{Digit}])[']([s])");
    private static final Pattern HAS_LETTER = Pattern.compile("[" + ALPHA + "]");
    private static final Pattern STARTS_LOWER = Pattern.compile("^[\\p{Lower}]");
    private static final Pattern STARTS_DIGITS = Pattern.compile("^[0-9]+");
    private static final Pattern WHITE = Pattern.compile("[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+");

    /** Prefix -> true when it is nonbreaking only before a number. */
    private static final Map<String, Boolean> NONBREAKING = loadPrefixes();

    private MeteorNormalizer() {
    }

    /** Normalises one line and lower-cases it, as {@code MeteorScorer} does with {@code -norm}. */
    static String normalize(String line) {
        String s = " " + line + " ";
        s = SEPARATE_OTHER.matcher(s).replaceAll(" $1 ");
        // Protect runs of dots ("...") so the dot splitting below leaves them whole.
        s = MULTI_DOT.matcher(s).replaceAll(" DOTMULTI$1");
        while (s.contains("DOTMULTI.")) {
            s = MULTI_DOT_NEXT.matcher(s).replaceAll("DOTDOTMULTI $1");
            s = s.replace("DOTMULTI.", "DOTDOTMULTI");
        }
        s = COMMA_1.matcher(s).replaceAll("$1 , $2");
        s = COMMA_2.matcher(s).replaceAll("$1 , $2");
        s = COMMA_3.matcher(s).replaceAll("$1 , $2");
        s = SINGLE_QUOTES.matcher(s).replaceAll("'");
        s = DOUBLE_QUOTES.matcher(s).replaceAll(" \" ");
        s = s.replace("\u2013", "-").replace("--", "-");
        s = DASH_BETWEEN_WORDS.matcher(s).replaceAll("$1 $2");
        s = APOS_NONE.matcher(s).replaceAll("$1 ' $2");
        s = APOS_RIGHT.matcher(s).replaceAll("$1 ' $2");
        s = APOS_LEFT.matcher(s).replaceAll("$1 ' $2");
        s = APOS_INSIDE.matcher(s).replaceAll("$1 '$2");
        s = APOS_DECADE.matcher(s).replaceAll("$1 '$2");

        StringTokenizer tok = new StringTokenizer(s);
        String[] words = new String[tok.countTokens()];
        for (int i = 0; i < words.length; i++) {
            words[i] = tok.nextToken();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            sb.append(splitFinalDot(words, i)).append(' ');
        }
        s = sb.toString();
        while (s.contains("DOTDOTMULTI")) {
            s = s.replace("DOTDOTMULTI", "DOTMULTI.");
        }
        s = s.replace("DOTMULTI", ".");
        s = WHITE.matcher(s).replaceAll(" ").trim();
        return s.toLowerCase(Locale.ROOT);
    }

    private static String splitFinalDot(String[] words, int i) {
        String w = words[i];
        if (w.length() <= 1 || !w.endsWith(".")) {
            return w;
        }
        String pre = w.substring(0, w.length() - 1);
        Boolean numericOnly = NONBREAKING.get(pre);
        boolean hasNext = i < words.length - 1;
        if (pre.contains(".") && HAS_LETTER.matcher(pre).find()) {
            return w.replace(".", ""); // U.S. -> US
        }
        if (Boolean.FALSE.equals(numericOnly) || (hasNext && STARTS_LOWER.matcher(words[i + 1]).find())) {
            return w;
        }
        if (Boolean.TRUE.equals(numericOnly) && hasNext && STARTS_DIGITS.matcher(words[i + 1]).find()) {
            return w;
        }
        return pre + " .";
    }

    private static Map<String, Boolean> loadPrefixes() {
        Map<String, Boolean> m = new HashMap<>();
        try (InputStream in = MeteorNormalizer.class.getResourceAsStream("english-nonbreaking-prefixes.txt")) {
            if (in == null) {
                throw new IllegalStateException("english-nonbreaking-prefixes.txt missing from the rex-metrics jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                StringTokenizer tok = new StringTokenizer(line);
                if (!tok.hasMoreTokens() || line.startsWith("//")) {
                    continue;
                }
                String prefix = tok.nextToken();
                m.put(prefix, tok.hasMoreTokens() && tok.nextToken().equals("NUMERIC_ONLY"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(m);
    }
}
