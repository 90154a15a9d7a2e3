package dev.rex.metrics.rex;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.QuestionReader;
import dev.rex.gqa.model.GqaQuestion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The few fields of GQA's large JSON files the evaluation needs, read streaming (one entry in memory at a
 * time): questions (image, answer, annotated objects; through rex-gqa's question reader), scene graphs (image size, object boxes), the qids of
 * GQA-OOD files, and REX's grounding annotation / upper-bound files.
 */
public final class GqaFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    /**
     * @param annotatedObjects ids of the objects of the question's {@code annotations} (question, answer,
     *                         fullAnswer, each in file order), distinct, first appearance first
     */
    public record Question(String imageId, String answer, List<String> annotatedObjects) {
    }

    /** @param objects object id → {x, y, w, h} */
    public record Image(int width, int height, Map<String, int[]> objects) {
    }

    /** REX's {@code grounding_annotation.json} entry. */
    public record Annotation(String imageId, int width, int height, List<String> roi) {
    }

    private GqaFiles() {
    }

    /**
     * GQA questions file (qid → question), only the qids {@code wanted} accepts, read by rex-gqa's
     * {@link QuestionReader}; a wanted question the reader finds malformed is an error naming it.
     */
    public static Map<String, Question> questions(Path file, Predicate<String> wanted) {
        Map<String, Question> out = new LinkedHashMap<>();
        try (QuestionReader reader = new QuestionReader(file, true)) {
            while (reader.hasNext()) {
                QuestionEntry e = reader.next();
                if (!wanted.test(e.qid())) continue;
                if (!e.valid()) {
                    throw new IllegalArgumentException("GQA questions file " + file + ": " + e.problem());
                }
                GqaQuestion q = e.question();
                Set<String> objects = new LinkedHashSet<>();
                objects.addAll(q.annotations().question().values());
                objects.addAll(q.annotations().answer().values());
                objects.addAll(q.annotations().fullAnswer().values());
                out.put(e.qid(), new Question(q.imageId(), q.answer(), List.copyOf(objects)));
            }
        }
        return out;
    }

    /** GQA scene graphs file (imageId → graph), only the images {@code wanted} accepts. */
    public static Map<String, Image> sceneGraphs(Path file, Predicate<String> wanted) {
        Map<String, Image> out = new LinkedHashMap<>();
        eachEntry(file, "GQA scene graphs", wanted, (imageId, node) -> {
            Map<String, int[]> objects = new LinkedHashMap<>();
            node.path("objects").fields().forEachRemaining(o -> objects.put(o.getKey(), new int[] {
                    o.getValue().path("x").asInt(), o.getValue().path("y").asInt(),
                    o.getValue().path("w").asInt(), o.getValue().path("h").asInt()}));
            out.put(imageId, new Image(node.path("width").asInt(), node.path("height").asInt(),
                    Collections.unmodifiableMap(objects)));
        });
        return out;
    }

    /** The qids (top-level keys) of a GQA-OOD file ({@code ood_{split}_{all,head,tail}.json}). */
    public static Set<String> qids(Path file) {
        Set<String> out = new LinkedHashSet<>();
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            expectObject(p, file, "GQA-OOD");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                out.add(p.getCurrentName());
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException e) {
            throw unreadable("GQA-OOD", file, e);
        }
        return out;
    }

    /**
     * The three GQA-OOD files of a split as REX reads them: {@code DIR/ood_{split}_{all,head,tail}.json}
     * (split {@code val} or {@code testdev}), name → qids.
     */
    public static Map<String, Set<String>> oodSets(Path dir, String split) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String part : List.of("all", "head", "tail")) {
            Path f = dir.resolve("ood_" + split + "_" + part + ".json");
            if (!java.nio.file.Files.isRegularFile(f)) {
                throw new IllegalArgumentException("GQA-OOD file " + f + " not found: the directory must hold ood_"
                        + split + "_all.json, ood_" + split + "_head.json and ood_" + split + "_tail.json");
            }
            out.put(part, qids(f));
        }
        return out;
    }

    /** REX's {@code grounding_annotation.json}: qid → {imgid, width, height, roi: [object id]}. */
    public static Map<String, Annotation> groundingAnnotations(Path file, Predicate<String> wanted) {
        Map<String, Annotation> out = new LinkedHashMap<>();
        eachEntry(file, "grounding annotation", wanted, (qid, node) -> {
            List<String> roi = new ArrayList<>();
            node.path("roi").elements().forEachRemaining(v -> roi.add(v.asText()));
            out.put(qid, new Annotation(node.path("imgid").asText(), node.path("width").asInt(),
                    node.path("height").asInt(), roi));
        });
        return out;
    }

    /** REX's {@code grounding_upper_bound.json}: qid → bound. */
    public static Map<String, Double> upperBounds(Path file, Predicate<String> wanted) {
        Map<String, Double> out = new LinkedHashMap<>();
        eachEntry(file, "grounding upper bound", wanted, (qid, node) -> {
            if (!node.isNumber()) {
                throw new IllegalArgumentException(file + ": qid " + qid + " must map to a number, got " + node);
            }
            out.put(qid, node.asDouble());
        });
        return out;
    }

    private interface EntryHandler {
        void accept(String key, JsonNode value);
    }

    private static void eachEntry(Path file, String what, Predicate<String> wanted, EntryHandler handler) {
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            p.setCodec(JSON);
            expectObject(p, file, what);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.getCurrentName();
                p.nextToken();
                if (wanted.test(key)) {
                    handler.accept(key, p.readValueAsTree());
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw unreadable(what, file, e);
        }
    }

    private static void expectObject(JsonParser p, Path file, String what) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException(what + " file " + file + ": expected a JSON object at the top level");
        }
    }

    private static IllegalArgumentException unreadable(String what, Path file, IOException e) {
        return new IllegalArgumentException(what + " file " + file + ": cannot be read (" + e.getMessage() + ")");
    }
}
