package dev.rex.metrics.meteor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** The English function-word list of {@code function-words-en.txt} (see the file's header for its origin). */
final class FunctionWords {

    static final Set<String> ENGLISH = load();

    private FunctionWords() {
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = FunctionWords.class.getResourceAsStream("function-words-en.txt")) {
            if (in == null) {
                throw new IllegalStateException("function-words-en.txt missing from the rex-metrics jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty() && !line.startsWith("//")) {
                    words.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
