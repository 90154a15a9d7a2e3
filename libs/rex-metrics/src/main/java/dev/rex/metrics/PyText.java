package dev.rex.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's string operations that the reference scorers rely on, so that our splitting agrees with theirs on
 * every input: {@code str.split()} (runs of Unicode whitespace, no empty parts), {@code str.split(' ')} (every
 * single space, empty parts kept) and {@code str.rstrip()}.
 */
public final class PyText {

    private PyText() {
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

    /** {@code s.split(sep)} with a one-character separator: ROUGE-L splits on {@code ' '}, keeping empty parts. */
    public static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == sep) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
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
