package dev.rex.gqa.features;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DIR/images.tsv}: one line {@code imageId<TAB>width<TAB>height} per image whose two .npy files are
 * complete. Append-only, so that an import killed at any point resumes: the line is written only after both
 * arrays were renamed into place, and a torn last line (no newline) is ignored on reading.
 */
public final class FeatureStoreIndex {
    public static final String FILE_NAME = "images.tsv";

    private FeatureStoreIndex() {
    }

    public static Path path(Path dir) {
        return dir.resolve(FILE_NAME);
    }

    /** Reads the index (empty when absent). A later line for the same image wins. */
    public static Map<String, ImageSize> read(Path dir) throws IOException {
        Path file = path(dir);
        if (!Files.exists(file)) return Collections.emptyMap();
        Map<String, ImageSize> sizes = new LinkedHashMap<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int lineNo = 0;
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) break; // torn last line from an interrupted append: that image is re-imported
            lineNo++;
            String line = text.substring(start, nl);
            start = nl + 1;
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            try {
                if (f.length != 3) throw new NumberFormatException();
                sizes.put(f[0], new ImageSize(Integer.parseInt(f[1]), Integer.parseInt(f[2])));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNo + ": malformed index line '" + line
                        + "' (expected imageId<TAB>width<TAB>height)");
            }
        }
        return sizes;
    }

    /** Appends one image; callers synchronize (see {@link FeatureStoreWriter}). */
    static void append(BufferedWriter out, String imageId, ImageSize size) throws IOException {
        out.write(imageId + "\t" + size.width() + "\t" + size.height() + "\n");
        out.flush();
    }

    static BufferedWriter openForAppend(Path dir) throws IOException {
        Path file = path(dir);
        // Repair a torn last line first so that the next append starts on a fresh line.
        if (Files.exists(file) && Files.size(file) > 0) {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes[bytes.length - 1] != '\n') {
                int lastNl = -1;
                for (int i = bytes.length - 1; i >= 0; i--) {
                    if (bytes[i] == '\n') {
                        lastNl = i;
                        break;
                    }
                }
                try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(lastNl + 1);
                }
            }
        }
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
