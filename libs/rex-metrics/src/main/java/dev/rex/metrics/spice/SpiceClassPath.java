package dev.rex.metrics.spice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars of SPICE's two isolated class loaders, each kept apart from the CoreNLP 3.4.1 tokenizer on the
 * application class path (all use the package {@code edu.stanford.nlp}): CoreNLP 3.6.0 and its models (the
 * parser, {@link #PARSER}), and CoreNLP 4.5.10 with our SPICE rules (the scene-graph enhancer and semgrex,
 * {@link #RULES}). The build resolves them into {@code rex-metrics/target/spice-lib}; at run time they are taken
 * from the directory named by {@code -Drex.spice.lib} or {@code REX_SPICE_LIB}, else from the local Maven repository
 * where the build put them.
 */
final class SpiceClassPath {

    static final String PARSER = "corenlp-3.6-classpath.txt";
    static final String RULES = "corenlp-4.5-classpath.txt";

    private SpiceClassPath() {
    }

    /** A class loader over one list's jars whose parent sees only the JDK (not the application class path). */
    static URLClassLoader isolatedLoader(String list) {
        List<Path> jars = jars(list);
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return new URLClassLoader("spice-" + list, urls, ClassLoader.getPlatformClassLoader());
    }

    static List<Path> jars(String list) {
        List<String[]> coords = coordinates(list);
        String dir = System.getProperty("rex.spice.lib", System.getenv("REX_SPICE_LIB"));
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String[] c : coords) {
            String file = c[1] + "-" + c[2] + (c.length > 3 ? "-" + c[3] : "") + ".jar";
            Path p = null;
            if (dir != null && Files.isRegularFile(Path.of(dir, file))) {
                p = Path.of(dir, file);
            } else {
                Path repo = Path.of(System.getProperty("maven.repo.local",
                        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
                Path inRepo = repo.resolve(c[0].replace('.', '/')).resolve(c[1]).resolve(c[2]).resolve(file);
                if (Files.isRegularFile(inRepo)) {
                    p = inRepo;
                }
            }
            if (p == null) {
                missing.add(String.join(":", c));
            } else {
                found.add(p);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("SPICE needs CoreNLP 3.6.0 and its models, and CoreNLP 4.5.10 with "
                    + "rex-spice-rules; not found: " + missing
                    + " (looked in " + (dir == null ? "" : dir + " and in ") + "the local Maven repository). Build "
                    + "rex-metrics once with network access (mvn -pl libs/rex-metrics -am install) or point "
                    + "-Drex.spice.lib / REX_SPICE_LIB at a directory holding these jars; or run with --no-spice.");
        }
        return found;
    }

    private static List<String[]> coordinates(String list) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = SpiceClassPath.class.getResourceAsStream(list)) {
            if (in == null) {
                throw new IllegalStateException(list + " missing from the rex-metrics jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.trim();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    out.add(line.split(":"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
