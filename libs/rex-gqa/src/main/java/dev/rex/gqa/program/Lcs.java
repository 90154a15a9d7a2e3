package dev.rex.gqa.program;

/**
 * The original's {@code lcs}: the longest common substring of two descriptions (first found when scanning the
 * first string, by characters), cut after its last whole word "is", so that "there is X and Y" can drop from Y the
 * description it repeats from X.
 */
final class Lcs {
    private Lcs() {
    }

    /** The shared object description, "" when it contains no "is" word, {@code null} when nothing is shared. */
    static String objectDescription(String s, String t) {
        int m = s.length();
        int n = t.length();
        int[] prev = new int[n + 1];
        int[] cur = new int[n + 1];
        int longest = 0;
        int end = -1;
        for (int i = 0; i < m; i++) {
            char c = s.charAt(i);
            for (int j = 0; j < n; j++) {
                if (c == t.charAt(j)) {
                    int len = prev[j] + 1;
                    cur[j + 1] = len;
                    if (len > longest) {
                        longest = len;
                        end = i;
                    }
                } else {
                    cur[j + 1] = 0;
                }
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        if (end < 0) return null;
        String common = s.substring(end - longest + 1, end + 1);
        String[] words = common.split(" ", -1);
        int cut = 0;
        for (int i = 0; i < words.length; i++) if (words[i].equals("is")) cut = i + 1;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cut; i++) {
            if (i > 0) sb.append(' ');
            sb.append(words[i]);
        }
        return sb.toString();
    }
}
