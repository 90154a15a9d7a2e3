package dev.rex.metrics;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pycocoevalcap's file formats: reading {@code qid -> [string]} files (references or candidates) with
 * user-facing errors, and writing a {@link CaptionReport} as
 * {@code {"corpus": {...}, "per_item": {qid: {...}}, "notes": {...}}}.
 */
public final class CaptionFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CaptionFiles() {
    }

    /**
     * Reads a JSON object mapping each qid to a list of strings, in file order.
     *
     * @param option the command-line option naming the file (e.g. {@code --gts}), for messages
     * @throws IllegalArgumentException when the file is unreadable, not JSON, not an object of string lists
     */
    public static Map<String, List<String>> readStringLists(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + " " + file + ": file is not readable");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(option + " " + file + ": not valid JSON ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(option + " " + file + ": expected a JSON object mapping each qid to "
                    + "a list of strings, e.g. {\"q1\": [\"a man on a horse\"]}");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isArray()) {
                throw new IllegalArgumentException(option + " " + file + ": qid " + e.getKey() + " maps to "
                        + v.getNodeType().toString().toLowerCase() + ", expected a list of strings");
            }
            List<String> strings = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                JsonNode s = v.get(i);
                if (!s.isTextual()) {
                    throw new IllegalArgumentException(option + " " + file + ": qid " + e.getKey() + " entry " + i
                            + " is " + s.getNodeType().toString().toLowerCase() + " (" + s + "), expected a string");
                }
                strings.add(s.asText());
            }
            out.put(e.getKey(), strings);
        }
        return out;
    }

    /** The report as a JSON tree in the layout of {@code rex metrics --json} (nulls kept). */
    public static Map<String, Object> layout(CaptionReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("corpus", report.corpus());
        root.put("per_item", report.perItem());
        root.put("notes", report.notes());
        return root;
    }

    public static void write(CaptionReport report, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(out.toFile(), layout(report));
    }
}
