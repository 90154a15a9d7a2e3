package dev.rex.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rex.gqa.npy.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A split where the original's per-image gender state decides explanations: on each image a woman and a man; the
 * questions ask "is the woman female?", then compare the two by gender (which appends female/male to their
 * attributes in the original's graph), then ask again and query the man's gender. Without the state the second
 * "female?" is explained "#0 is not female"; with it, "#0 is female". Questions of the images are interleaved in
 * the file, so several partitions and batches carry one image's sequence.
 */
final class GenderCorpus {
    static final String SPLIT = "gender";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GenderCorpus() {
    }

    /** Writes {@code in/questions/gender_balanced_questions.json}, its scene graphs and boxes; returns the count. */
    static int write(Path in, int images) throws IOException {
        ObjectNode graphs = JSON.createObjectNode();
        for (int i = 0; i < images; i++) {
            String image = "g" + i;
            ObjectNode objects = JSON.createObjectNode();
            objects.set(woman(i), object("woman", 10, 10, 40, 80, "red"));
            objects.set(man(i), object("man", 60, 10, 40, 80, "tall"));
            graphs.set(image, JSON.createObjectNode().put("width", 120).put("height", 100).set("objects", objects));
            float[] boxes = new float[36 * 4];
            float[][] first = {{10, 10, 50, 90}, {60, 10, 100, 90}};
            for (int r = 0; r < 36; r++) {
                float[] b = r < 2 ? first[r] : new float[]{r, r, r + 3, r + 2}; // the rest: small boxes far from both
                System.arraycopy(b, 0, boxes, 4 * r, 4);
            }
            Npy.writeFloat32(in.resolve("boxes").resolve(image + ".npy"), new int[]{36, 4}, boxes);
        }
        ObjectNode questions = JSON.createObjectNode();
        int n = 0;
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < images; i++) {
                ObjectNode q = switch (round) {
                    case 0, 2 -> question("g" + i, "Is the woman female?", "yes",
                            step("select", "woman (" + woman(i) + ")"), step("verify gender", "female", 0));
                    case 1 -> question("g" + i, "Are the woman and the man different in gender?", "yes",
                            step("select", "woman (" + woman(i) + ")"), step("select", "man (" + man(i) + ")"),
                            step("different", "gender", 0, 1));
                    default -> question("g" + i, "What gender is the man?", "male",
                            step("select", "man (" + man(i) + ")"), step("query", "gender", 0));
                };
                questions.set("gq" + round + "i" + i, q);
                n++;
            }
        }
        JSON.writeValue(in.resolve("questions").resolve(SPLIT + "_balanced_questions.json").toFile(), questions);
        JSON.writeValue(in.resolve("sceneGraphs").resolve(SPLIT + "_sceneGraphs.json").toFile(), graphs);
        return n;
    }

    /** The qid of the second "is the woman female?" of image i: the one the state changes. */
    static String askedAgain(int image) {
        return "gq2i" + image;
    }

    private static String woman(int i) {
        return Integer.toString(500 + 2 * i);
    }

    private static String man(int i) {
        return Integer.toString(501 + 2 * i);
    }

    private static ObjectNode object(String name, int x, int y, int w, int h, String attribute) {
        ObjectNode o = JSON.createObjectNode().put("name", name).put("x", x).put("y", y).put("w", w).put("h", h);
        o.putArray("attributes").add(attribute);
        o.putArray("relations");
        return o;
    }

    private static ObjectNode question(String image, String text, String answer, ObjectNode... steps) {
        ObjectNode q = JSON.createObjectNode().put("imageId", image).put("question", text).put("answer", answer)
                .put("fullAnswer", answer + ".").put("isBalanced", true);
        ArrayNode semantic = q.putArray("semantic");
        for (ObjectNode s : steps) semantic.add(s);
        q.putObject("types").put("structural", "verify");
        return q;
    }

    private static ObjectNode step(String operation, String argument, int... dependencies) {
        ObjectNode s = JSON.createObjectNode().put("operation", operation).put("argument", argument);
        ArrayNode deps = s.putArray("dependencies");
        for (int d : dependencies) deps.add(d);
        return s;
    }
}
