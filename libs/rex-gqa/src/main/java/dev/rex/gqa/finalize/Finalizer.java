package dev.rex.gqa.finalize;

import dev.rex.gqa.post.TokenRewrite;
import dev.rex.gqa.text.PyText;

import java.util.List;

/**
 * Stage 5 ({@code finalize_exp.py}): the grounded text with '?' removed and ',' '.' turned into spaces, its words
 * rewritten by the rules of the finalizing vocabulary (plurals of the grounded corpus, the fixed repairs). Texts
 * still containing {@code ERROR} are dropped ({@link #dropped}).
 */
public final class Finalizer {
    private final TokenRewrite rewrite;

    public Finalizer(TokenRewrite rewrite) {
        this.rewrite = rewrite;
    }

    public static boolean dropped(String grounded) {
        return grounded.contains("ERROR");
    }

    public String finalize(String grounded) {
        String s = grounded;
        if (s.indexOf('?') >= 0) s = s.replace("?", "");
        if (s.indexOf(',') >= 0) s = s.replace(',', ' ');
        if (s.indexOf('.') >= 0) s = s.replace('.', ' ');
        List<String> words = PyText.words(s);
        rewrite.apply(words);
        return String.join(" ", words);
    }
}
