package dev.rex.gqa.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The few Python string behaviours the original chain depends on, written so that their results are the same as
 * CPython's: the {@code \(([^)]+)\)} group search, {@code str.split(sep)} (empty parts kept), {@code str.split()},
 * {@code str.rstrip()}, {@code str.isspace()}, {@code str(round(v, 1))}, {@code str.isdigit()} and {@code float(s)}.
 * The GQA-REX chain and the reference scorers (rex-metrics) both use it.
 */
public final class PyText {
    private PyText() {
    }

    /**
     * {@code re.search(r'\(([^)]+)\)', s).group(1)}: the text between the first '(' that is followed, after at least
     * one character, by a ')' and that ')' ('(' may occur inside the group). {@code null} when there is no match.
     */
    public static String firstParenGroup(String s) {
        int open = s.indexOf('(');
        while (open >= 0) {
            int close = s.indexOf(')', open + 1);
            if (close < 0) return null; // no ')' after this '(' means none after any later '(' either
            if (close > open + 1) return s.substring(open + 1, close);
            open = s.indexOf('(', open + 1);
        }
        return null;
    }

    /** {@code re.findall(r'\(([^)]+)\)', s)}: every group, scanning on after each match. */
    public static List<String> parenGroups(String s) {
        List<String> out = new ArrayList<>(4);
        int from = 0;
        while (true) {
            int open = s.indexOf('(', from);
            if (open < 0) return out;
            int close = s.indexOf(')', open + 1);
            if (close < 0) return out;
            if (close > open + 1) {
                out.add(s.substring(open + 1, close));
                from = close + 1;
            } else {
                from = open + 1;
            }
        }
    }

    /**
     * The first group of {@link #parenGroups} that contains {@code needle}, from its character {@code skip} on
     * (the original's {@code validate_obj}: {@code obj_id[4:]} of the first group with 'obj:'); {@code null} if none.
     * Scans without building the list of groups.
     */
    public static String firstGroupContaining(String s, String needle, int skip) {
        int from = 0;
        while (true) {
            int open = s.indexOf('(', from);
            if (open < 0) return null;
            int close = s.indexOf(')', open + 1);
            if (close < 0) return null;
            if (close > open + 1) {
                int at = s.indexOf(needle, open + 1);
                if (at >= 0 && at + needle.length() <= close) return s.substring(Math.min(open + 1 + skip, close), close);
                from = close + 1;
            } else {
                from = open + 1;
            }
        }
    }

    /** {@code re.findall(r'not\(([^)]+)\)', s)}. */
    public static List<String> notGroups(String s) {
        List<String> out = new ArrayList<>(1);
        int from = 0;
        while (true) {
            int at = s.indexOf("not(", from);
            if (at < 0) return out;
            int open = at + 3;
            int close = s.indexOf(')', open + 1);
            if (close < 0) return out;
            if (close > open + 1) {
                out.add(s.substring(open + 1, close));
                from = close + 1;
            } else {
                from = at + 1;
            }
        }
    }

    /** {@code s.split(sep)} with a literal separator: every part, empty ones included. */
    public static List<String> split(String s, String sep) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                out.add(s.substring(from));
                return out;
            }
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
    }

    /** {@code s.split(' ')} keeping only non-empty parts (the original's {@code if cur not in ['',' ']}). */
    public static List<String> words(String s) {
        List<String> out = new ArrayList<>(12);
        int n = s.length();
        int start = -1;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) == ' ') {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) out.add(s.substring(start));
        return out;
    }

    /** {@code ' '.join(words(s))}: collapses runs of spaces and trims spaces (only ' ', as Python's split(' ')). */
    public static String squeeze(String s) {
        if (!s.isEmpty() && s.charAt(0) != ' ' && s.charAt(s.length() - 1) != ' ' && !s.contains("  ")) return s;
        return String.join(" ", words(s));
    }

    /**
     * {@code str(round(v, 1))}: CPython rounds the exact binary value half-to-even (0.25 → 0.2, 0.35 → 0.3 because
     * 0.35 is stored below the tie) and prints the shortest repr, always with a decimal point.
     */
    public static String round1(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        BigDecimal r = new BigDecimal(v).setScale(1, RoundingMode.HALF_EVEN);
        String s = r.toPlainString();
        if (r.signum() == 0 && (v < 0 || (v == 0 && 1 / v < 0))) return "-0.0"; // Python keeps the sign of zero
        return s;
    }

    /** {@code s.isdigit()} for the digits GQA can hold (Unicode decimal digits); false for the empty string. */
    public static boolean isDigit(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) return false;
        }
        return true;
    }

    /**
     * {@code float(s)}: surrounding whitespace, optional sign, digits with single underscores between them,
     * optional fraction and exponent, or inf/infinity/nan. {@link NumberFormatException} otherwise (Python's
     * ValueError).
     */
    public static double pyFloat(String raw) {
        String s = raw.strip();
        String body = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        boolean negative = s.startsWith("-");
        if (lower.equals("inf") || lower.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) return Double.NaN;
        if (!body.matches("((\\d(_?\\d)*)(\\.(\\d(_?\\d)*)?)?|\\.\\d(_?\\d)*)([eE][+-]?\\d(_?\\d)*)?")) {
            throw new NumberFormatException("could not convert string to float: '" + raw + "'");
        }
        return Double.parseDouble(s.replace("_", ""));
    }

    /** Python's {@code str.isspace()} for one character (Java's isWhitespace misses the no-break spaces). */
    public static boolean isSpace(char c) {
        if (c < 128) {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f');
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** {@code s.split()}: BLEU and CIDEr ({@code precook}) split this way. */
    public static List<String> splitWhitespace(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** {@code s.split(sep)} with a one-character separator: ROUGE-L and grounding split on {@code ' '}. */
    public static List<String> split(String s, char sep) {
        return split(s, String.valueOf(sep));
    }

    /** {@code s.rstrip()}. */
    public static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
