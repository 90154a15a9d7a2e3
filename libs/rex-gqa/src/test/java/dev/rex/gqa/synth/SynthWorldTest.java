package dev.rex.gqa.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.features.ImageFeatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class SynthWorldTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path world;
    static SynthWorld.Summary summary;

    @BeforeAll
    static void makeWorld() throws IOException {
        world = shared.resolve("world");
        summary = SynthWorld.generate(new SynthWorld.Options(40, 10, 7, world, false), null);
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherWorld(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a"), b = tmp.resolve("b"), c = tmp.resolve("c");
        SynthWorld.generate(new SynthWorld.Options(8, 6, 42, a, false), null);
        SynthWorld.generate(new SynthWorld.Options(8, 6, 42, b, false), null);
        SynthWorld.generate(new SynthWorld.Options(8, 6, 43, c, false), null);
        Map<String, byte[]> fa = files(a), fb = files(b);
        assertEquals(fa.keySet(), fb.keySet());
        assertEquals(6 + 8 + 8 + 1 + 3 + 6, fa.size(),
                "3 question files, 3 scene files, 8 boxes, 8 features, index, 3 attribute tables, 6 GQA-OOD files");
        for (String f : fa.keySet()) assertArrayEquals(fa.get(f), fb.get(f), f);
        String q = "questions/train_balanced_questions.json";
        assertFalse(java.util.Arrays.equals(fa.get(q), files(c).get(q)), "another seed gives another world");
        // overwrite replaces a previous synthetic world in place, with the same bytes again
        SynthWorld.generate(new SynthWorld.Options(8, 6, 42, b, true), null);
        for (String f : fa.keySet()) assertArrayEquals(fa.get(f), files(b).get(f), f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SynthWorld.generate(new SynthWorld.Options(8, 6, 42, b, false), null));
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    }

    @Test
    void evaluationTablesCoverValWithHeadAndTailPartitioningAll() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var val = json.readTree(world.resolve("questions/val_balanced_questions.json").toFile());
        var attrs = json.readTree(world.resolve("rex-eval/attribute_eval_list.json").toFile());
        var attr2cat = json.readTree(world.resolve("rex-eval/attr2cat.json").toFile());
        assertTrue(attrs.size() > 0, "some val questions have attributes to recall");
        attrs.fields().forEachRemaining(e -> {
            assertTrue(val.has(e.getKey()), e.getKey() + " is a val qid");
            e.getValue().forEach(a -> assertTrue(attr2cat.has(a.asText()), a + " has a category"));
        });
        for (String split : java.util.List.of("val", "testdev")) {
            var all = json.readTree(world.resolve("ood/ood_" + split + "_all.json").toFile());
            var head = json.readTree(world.resolve("ood/ood_" + split + "_head.json").toFile());
            var tail = json.readTree(world.resolve("ood/ood_" + split + "_tail.json").toFile());
            assertEquals(all.size(), head.size() + tail.size(), split + ": head and tail partition all");
            assertTrue(tail.size() > 0, split + ": a tail exists");
            tail.fieldNames().forEachRemaining(q -> assertFalse(head.has(q), q + " in both head and tail"));
        }
        assertEquals(val.size(), json.readTree(world.resolve("ood/ood_val_all.json").toFile()).size());
    }

    @Test
    void everyOperationFamilyInEverySplit() throws IOException {
        // counted from the written files, independently of the generator's own summary
        Map<String, Map<OperationFamily, Integer>> counted = new TreeMap<>();
        for (String split : SynthWorld.SPLITS) {
            Map<OperationFamily, Integer> c = new TreeMap<>();
            for (OperationFamily f : OperationFamily.values()) c.put(f, 0);
            JsonNode qs = JSON.readTree(world.resolve("questions/" + split + "_balanced_questions.json").toFile());
            for (JsonNode q : qs) {
                q.get("semantic").findValuesAsText("operation").stream().map(OperationFamily::of).distinct()
                        .forEach(f -> c.merge(f, 1, Integer::sum));
            }
            counted.put(split, c);
        }
        System.out.println("questions per operation family (a question counts once per family it uses):");
        System.out.printf("%-10s %6s %6s %8s%n", "family", "train", "val", "testdev");
        for (OperationFamily f : OperationFamily.values()) {
            System.out.printf("%-10s %6d %6d %8d%n", f, counted.get("train").get(f), counted.get("val").get(f),
                    counted.get("testdev").get(f));
        }
        System.out.println("questions: " + summary.questions() + ", images: " + summary.images());
        for (String split : SynthWorld.SPLITS) {
            for (OperationFamily f : OperationFamily.values()) {
                assertTrue(counted.get(split).get(f) > 0, f + " missing from " + split);
            }
            assertEquals(summary.familyCounts().get(split), counted.get(split));
        }
        assertEquals(400, summary.totalQuestions(), "every image got all its questions");
    }

    @Test
    void everyAnswerFollowsFromItsProgramAndScene() throws IOException {
        int checked = 0;
        Map<String, Integer> answers = new TreeMap<>();
        for (String split : SynthWorld.SPLITS) {
            JsonNode scenes = JSON.readTree(world.resolve("sceneGraphs/" + split + "_sceneGraphs.json").toFile());
            JsonNode qs = JSON.readTree(world.resolve("questions/" + split + "_balanced_questions.json").toFile());
            for (Map.Entry<String, JsonNode> e : qs.properties()) {
                JsonNode q = e.getValue();
                JsonNode scene = scenes.get(q.get("imageId").asText());
                assertNotNull(scene, e.getKey() + ": image in the split's scene graphs");
                String derived;
                try {
                    derived = new GqaProgramExecutor(scene).answer(q.get("semantic"));
                } catch (GqaProgramExecutor.ProgramException ex) {
                    throw new AssertionError(e.getKey() + " " + q.get("semanticStr").asText() + ": " + ex.getMessage());
                }
                assertEquals(q.get("answer").asText(), derived, e.getKey() + " " + q.get("question").asText()
                        + " " + q.get("semanticStr").asText());
                answers.merge(derived, 1, Integer::sum);
                checkFormat(e.getKey(), q, scene);
                checked++;
            }
        }
        System.out.println(checked + " answers re-derived; answer distribution: " + answers);
        assertEquals(summary.totalQuestions(), checked);
        int yes = answers.getOrDefault("yes", 0), no = answers.getOrDefault("no", 0);
        assertTrue(yes > 0.3 * (yes + no) && no > 0.3 * (yes + no), "yes/no balanced: " + yes + "/" + no);
        assertTrue(answers.size() > 30, "a moderate answer vocabulary");
    }

    private static void checkFormat(String qid, JsonNode q, JsonNode scene) {
        for (String field : List.of("question", "imageId", "answer", "fullAnswer", "isBalanced", "groups",
                "entailed", "equivalent", "types", "semantic", "semanticStr", "annotations")) {
            assertTrue(q.has(field), qid + " has " + field);
        }
        for (String t : List.of("structural", "semantic", "detailed")) assertTrue(q.get("types").has(t));
        StringBuilder str = new StringBuilder();
        int i = 0;
        for (JsonNode st : q.get("semantic")) {
            for (JsonNode d : st.get("dependencies")) assertTrue(d.asInt() < i, qid + ": dependency on a later step");
            i++;
        }
        assertTrue(q.get("semanticStr").asText().startsWith("select: "), qid);
        for (String part : List.of("question", "answer", "fullAnswer")) {
            JsonNode ann = q.get("annotations").get(part);
            String text = part.equals("answer") ? q.get("answer").asText() : q.get(part).asText();
            String[] tokens = text.split(" ");
            for (Map.Entry<String, JsonNode> a : ann.properties()) {
                String objectId = a.getValue().asText();
                assertTrue(scene.get("objects").has(objectId), qid + ": annotated object " + objectId);
                String[] span = a.getKey().split(":");
                int from = Integer.parseInt(span[0]), to = span.length == 2 ? Integer.parseInt(span[1]) : from + 1;
                String words = String.join(" ", java.util.Arrays.copyOfRange(tokens, from, to))
                        .replaceAll("[?.,]$", "");
                String name = scene.get("objects").get(objectId).get("name").asText();
                assertTrue(words.endsWith(name), qid + ": '" + words + "' in '" + text + "' names " + name);
            }
        }
        str.append(q.get("question").asText());
        assertTrue(str.toString().endsWith("?"));
    }

    @Test
    void regionsIncludeEveryObjectAndFeaturesAreValid() throws IOException {
        FeatureStore store = FeatureStore.open(world);
        JsonNode scenes = JSON.readTree(world.resolve("sceneGraphs/val_sceneGraphs.json").toFile());
        int objects = 0;
        for (Map.Entry<String, JsonNode> e : scenes.properties()) {
            ImageFeatures f = store.get(e.getKey());
            assertEquals(e.getValue().get("width").asInt(), store.size(e.getKey()).orElseThrow().width());
            for (JsonNode o : e.getValue().get("objects")) {
                double[] box = {o.get("x").asDouble(), o.get("y").asDouble(), o.get("x").asDouble() + o.get("w").asDouble(),
                        o.get("y").asDouble() + o.get("h").asDouble()};
                double best = 0;
                for (int k = 0; k < ImageFeatures.REGIONS; k++) {
                    float[] b = f.box(k);
                    best = Math.max(best, RegionGenerator.iou(box, new double[]{b[0], b[1], b[2], b[3]}));
                }
                assertTrue(best > 0.5, e.getKey() + ": object " + o.get("name") + " has a region (IoU " + best + ")");
                objects++;
            }
        }
        assertTrue(objects > 20);
    }

    /** Features encode objects: a nearest-centroid classifier fit on train regions names val objects. */
    @Test
    void regionFeaturesAreLearnable() throws IOException {
        FeatureStore store = FeatureStore.open(world);
        Map<String, double[]> sums = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (Labelled ex : labelled(store, "train")) {
            double[] sum = sums.computeIfAbsent(ex.name(), k -> new double[ImageFeatures.FEATURE_DIM]);
            for (int i = 0; i < sum.length; i++) sum[i] += ex.feature()[i];
            counts.merge(ex.name(), 1, Integer::sum);
        }
        int right = 0, total = 0;
        for (Labelled ex : labelled(store, "val")) {
            String best = null;
            double bestDist = Double.MAX_VALUE;
            for (Map.Entry<String, double[]> c : sums.entrySet()) {
                double d = 0;
                int n = counts.get(c.getKey());
                for (int i = 0; i < ImageFeatures.FEATURE_DIM; i++) {
                    double diff = ex.feature()[i] - c.getValue()[i] / n;
                    d += diff * diff;
                }
                if (d < bestDist) {
                    bestDist = d;
                    best = c.getKey();
                }
            }
            if (ex.name().equals(best)) right++;
            total++;
        }
        System.out.println("nearest-centroid object names from region features: " + right + "/" + total);
        assertTrue(right > 0.8 * total, right + "/" + total);
    }

    private record Labelled(float[] feature, String name) {
    }

    /** The feature of the region best covering each object of a split, with the object's name. */
    private static List<Labelled> labelled(FeatureStore store, String split) throws IOException {
        JsonNode scenes = JSON.readTree(world.resolve("sceneGraphs/" + split + "_sceneGraphs.json").toFile());
        List<Labelled> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : scenes.properties()) {
            ImageFeatures f = store.get(e.getKey());
            for (JsonNode o : e.getValue().get("objects")) {
                double[] box = {o.get("x").asDouble(), o.get("y").asDouble(),
                        o.get("x").asDouble() + o.get("w").asDouble(), o.get("y").asDouble() + o.get("h").asDouble()};
                int bestK = 0;
                double best = -1;
                for (int k = 0; k < ImageFeatures.REGIONS; k++) {
                    float[] b = f.box(k);
                    double iou = RegionGenerator.iou(box, new double[]{b[0], b[1], b[2], b[3]});
                    if (iou > best) {
                        best = iou;
                        bestK = k;
                    }
                }
                out.add(new Labelled(f.feature(bestK), o.get("name").asText()));
            }
        }
        return out;
    }

    @Test
    void optionsAreCheckedWithClearMessages() {
        assertThrows(IllegalArgumentException.class, () -> new SynthWorld.Options(2, 5, 1, world, false));
        assertThrows(IllegalArgumentException.class, () -> new SynthWorld.Options(10, 0, 1, world, false));
    }

    static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        for (Path p : all) out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        return out;
    }
}
