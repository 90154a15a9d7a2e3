package dev.rex.metrics.rex;

import dev.rex.metrics.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GqaFilesTest {

    @TempDir
    Path dir;

    private static final String PROGRAM = "[{\"operation\": \"select\", \"argument\": \"cat (o1)\", "
            + "\"dependencies\": []}]";

    @Test
    void aMalformedWantedQuestionIsAnErrorNamingIt() throws Exception {
        Path questions = Files.writeString(dir.resolve("bad.json"), "{\"q1\": {\"imageId\": \"img\", \"answer\": \"no\"},"
                + " \"q2\": {\"imageId\": \"img\", \"answer\": \"no\", \"semantic\": " + PROGRAM + "}}");
        assertEquals(Set.of("q2"), GqaFiles.questions(questions, "q2"::equals).keySet());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GqaFiles.questions(questions, k -> true));
        assertTrue(e.getMessage().contains("q1") && e.getMessage().contains("semantic"), e.getMessage());
    }

    @Test
    void handMadeFilesAreReadStreaming() throws Exception {
        Path questions = Files.writeString(dir.resolve("q.json"), "{\"q1\": {\"imageId\": \"img\", \"answer\": \"two\","
                + " \"annotations\": {\"question\": {\"2\": \"o2\"}, \"answer\": {\"0\": \"o1\"},"
                + " \"fullAnswer\": {\"1\": \"o2\", \"4:6\": \"o3\"}}, \"semantic\": " + PROGRAM + "},"
                + " \"q2\": {\"imageId\": \"other\", \"answer\": \"no\", \"semantic\": " + PROGRAM + "}}");
        Path graphs = Files.writeString(dir.resolve("sg.json"), "{\"img\": {\"width\": 10, \"height\": 8, \"objects\":"
                + " {\"o1\": {\"x\": 0, \"y\": 0, \"w\": 4, \"h\": 4, \"name\": \"cat\"},"
                + " \"o2\": {\"x\": 6, \"y\": 4, \"w\": 4, \"h\": 4}, \"o3\": {\"x\": 1, \"y\": 1, \"w\": 1, \"h\": 1}}}}");
        Path ood = Files.writeString(dir.resolve("ood_val_all.json"), "{\"q1\": {\"a\": [1, {\"b\": 2}]}, \"q7\": {}}");
        Map<String, GqaFiles.Question> q = GqaFiles.questions(questions, k -> true);
        assertEquals(List.of("o2", "o1", "o3"), q.get("q1").annotatedObjects()); // question, answer, fullAnswer
        assertEquals("two", q.get("q1").answer());
        assertEquals(List.of(), q.get("q2").annotatedObjects());
        Map<String, GqaFiles.Image> sg = GqaFiles.sceneGraphs(graphs, Set.of("img")::contains);
        assertEquals(10, sg.get("img").width());
        assertEquals(List.of(6, 4, 4, 4), List.of(sg.get("img").objects().get("o2")[0], sg.get("img").objects().get("o2")[1],
                sg.get("img").objects().get("o2")[2], sg.get("img").objects().get("o2")[3]));
        assertEquals(Set.of("q1", "q7"), GqaFiles.qids(ood));

        Map<String, Grounding.Question> g = GroundingInputs.fromQuestions(q, sg,
                img -> img.equals("img") ? new float[][] {{0, 0, 4, 4}} : null);
        assertEquals(Set.of("q1"), g.keySet()); // q2's image has no graph/boxes
        assertEquals(3, g.get("q1").annotated().size());
        assertEquals(8, g.get("q1").imageHeight());

        Path ann = Files.writeString(dir.resolve("ann.json"),
                "{\"q1\": {\"imgid\": \"img\", \"width\": 10, \"height\": 8, \"roi\": [\"o1\", \"o2\"]}}");
        Path bound = Files.writeString(dir.resolve("ub.json"), "{\"q1\": 0.5}");
        Map<String, Grounding.Question> fromFiles = GroundingInputs.fromAnnotations(
                GqaFiles.groundingAnnotations(ann, k -> true), GqaFiles.upperBounds(bound, k -> true), sg,
                img -> new float[][] {{0, 0, 4, 4}});
        assertEquals(0.5, fromFiles.get("q1").upperBound(), 0.0);
        assertEquals(2, fromFiles.get("q1").annotated().size());
    }

    @Test
    void oodSetsOfASplit() throws Exception {
        Files.writeString(dir.resolve("ood_testdev_all.json"), "{\"a\": {}, \"b\": {}, \"c\": {}}");
        Files.writeString(dir.resolve("ood_testdev_head.json"), "{\"a\": {}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GqaFiles.oodSets(dir, "testdev"));
        assertTrue(e.getMessage().contains("ood_testdev_tail.json"), e.getMessage());
        Files.writeString(dir.resolve("ood_testdev_tail.json"), "{\"b\": {}, \"c\": {}}");
        Map<String, Set<String>> sets = GqaFiles.oodSets(dir, "testdev");
        assertEquals(List.of("all", "head", "tail"), List.copyOf(sets.keySet()));
        assertEquals(Set.of("b", "c"), sets.get("tail"));
    }

    @Test
    void badFilesAreClearErrors() throws Exception {
        Path list = Files.writeString(dir.resolve("list.json"), "[1, 2]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GqaFiles.qids(list));
        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GqaFiles.qids(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void realGqaQuestionsGiveGroundingInputs() {
        // the real GQA val questions and scene graphs of rex-gqa's fixture (18 of the 19 questions it holds)
        Path fixture = Fixtures.inRepository("libs/rex-gqa/src/test/resources/fixtures/gqa-rex");
        Path questions = fixture.resolve("question/val_balanced_questions.json");
        Path graphs = fixture.resolve("sceneGraphs/val_sceneGraphs.json");
        Map<String, GqaFiles.Question> q = GqaFiles.questions(questions, k -> true);
        assertEquals(18, q.size());
        // 0055518: question {4: 3036375}, answer {0: 3735325}, fullAnswer {1: 3735325, 5: 3036375}
        assertEquals(List.of("3036375", "3735325"), q.get("0055518").annotatedObjects());
        Set<String> images = new java.util.HashSet<>();
        q.values().forEach(x -> images.add(x.imageId()));
        Map<String, GqaFiles.Image> sg = GqaFiles.sceneGraphs(graphs, images::contains);
        // ground truth boxes as detections: the computed bound of the corrected variant is 1 where objects exist
        Map<String, Grounding.Question> g = GroundingInputs.fromQuestions(q, sg, img -> {
            GqaFiles.Image im = sg.get(img);
            return im.objects().values().stream()
                    .map(b -> new float[] {b[0], b[1], b[0] + b[2], b[1] + b[3]}).toArray(float[][]::new);
        });
        Grounding.Question one = g.get("0055518");
        double bound = Grounding.upperBound(Grounding.groundTruth(Grounding.Variant.CORRECTED, one), one.detected());
        assertEquals(1.0, bound, 1e-12);
    }
}
