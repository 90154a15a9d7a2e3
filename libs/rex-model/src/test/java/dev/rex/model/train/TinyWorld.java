package dev.rex.model.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A tiny synthetic GQA world made by the tests: each image has three objects of distinct shapes in random regions
 * of the 36, with a colour; a region's feature vector carries its object's colour and shape as one-hot blocks plus
 * noise. Questions ask an object's colour ("what color is the ball") or verify it ("is the ball red"); the
 * explanation grounds the object: "the ball #17 is red". Answering needs the question and the image together;
 * explaining needs the pointer to the region (the structure gate). Written in the GQA / GQA-REX file formats.
 */
final class TinyWorld {
    static final List<String> COLORS = List.of("red", "blue", "green", "yellow");
    static final List<String> SHAPES = List.of("cube", "ball", "cone");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, float[]> features = new HashMap<>();
    final Map<String, Integer> answerCounts = new HashMap<>();

    /** Writes {split}_balanced_questions.json and converted_explanation_{split}.json for train and val. */
    static TinyWorld write(Path questions, Path data, int trainImages, int valImages, long seed) throws IOException {
        TinyWorld w = new TinyWorld();
        Random r = new Random(seed);
        w.split("train", trainImages, r, questions, data);
        w.split("val", valImages, r, questions, data);
        return w;
    }

    private void split(String split, int images, Random r, Path questions, Path data) throws IOException {
        ObjectNode qs = JSON.createObjectNode();
        Map<String, String> exps = new LinkedHashMap<>();
        for (int i = 0; i < images; i++) {
            String image = split + "img" + i;
            // noise on the first 64 dimensions only: the signal must not drown in 2048 noisy dimensions
            float[] f = new float[36 * 2048];
            for (int region = 0; region < 36; region++) {
                for (int k = 0; k < 64; k++) f[region * 2048 + k] = (float) (r.nextGaussian() * 0.05);
            }
            int[] regions = r.ints(0, 36).distinct().limit(3).toArray();
            for (int o = 0; o < 3; o++) {
                int color = r.nextInt(COLORS.size());
                int region = regions[o];
                f[region * 2048 + color] += 2f;
                f[region * 2048 + 8 + o] += 2f; // shape o: each image has one object of every shape
                f[region * 2048 + 16] += 2f;    // "there is an object here"
                String shape = SHAPES.get(o);
                String colorName = COLORS.get(color);
                // two questions per object: query and verify (half true, half false)
                String q1 = image + "q" + o + "a";
                addQuestion(qs, q1, "What color is the " + shape + "?", image, colorName, "queryColor");
                exps.put(q1, "the " + shape + " #" + region + " is " + colorName);
                boolean truth = r.nextBoolean();
                String asked = truth ? colorName : COLORS.get((color + 1 + r.nextInt(3)) % 4);
                String q2 = image + "q" + o + "v";
                addQuestion(qs, q2, "Is the " + shape + " " + asked + "?", image, truth ? "yes" : "no", "verifyColor");
                exps.put(q2, "the " + shape + " #" + region + " is " + colorName);
            }
            features.put(image, f);
        }
        JSON.writeValue(questions.resolve(split + "_balanced_questions.json").toFile(), qs);
        JSON.writeValue(data.resolve("converted_explanation_" + split + ".json").toFile(), exps);
    }

    private void addQuestion(ObjectNode qs, String qid, String question, String image, String answer, String type) {
        ObjectNode q = qs.putObject(qid);
        q.put("question", question);
        q.put("imageId", image);
        q.put("answer", answer);
        q.putObject("types").put("detailed", type);
        if (qid.startsWith("val")) answerCounts.merge(answer, 1, Integer::sum);
    }

    /** Share of the most frequent val answer: what always answering it scores. */
    double majorityBaseline() {
        int total = answerCounts.values().stream().mapToInt(Integer::intValue).sum();
        return answerCounts.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) total;
    }

    FeatureSource featureSource() {
        return new FeatureSource() {
            @Override
            public boolean contains(String imageId) {
                return features.containsKey(imageId);
            }

            @Override
            public float[] features(String imageId) {
                return features.get(imageId);
            }
        };
    }

    static Path dir(Path root, String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }
}
