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
 * A tiny synthetic GQA world made by the tests: each image has one object (a colour and a shape) in a random region
 * of the 36; that region's feature vector carries colour, shape and objectness as one-hot blocks, every region has a
 * little noise. Questions ask the object's colour or its shape; the explanation grounds it: "the ball #17 is red".
 * Answering needs the question (which attribute) and the image (its value); explaining needs the pointer to the
 * region (the structure gate) and the attributes. Written in the GQA / GQA-REX file formats.
 */
final class TinyWorld {
    static final List<String> COLORS = List.of("red", "blue", "green", "yellow");
    static final List<String> SHAPES = List.of("cube", "ball", "cone");
    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, float[]> features = new HashMap<>();
    final Map<String, Integer> answerCounts = new HashMap<>();
    final Map<String, java.util.List<java.util.List<String>>> explanations = new HashMap<>();

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
            // one object per image, in a random region: its feature carries colour, shape and objectness
            int region = r.nextInt(36);
            int color = r.nextInt(COLORS.size());
            int shape = r.nextInt(SHAPES.size());
            f[region * 2048 + color] += 2f;
            f[region * 2048 + 8 + shape] += 2f;
            f[region * 2048 + 16] += 2f;
            String explanation = "the " + SHAPES.get(shape) + " #" + region + " is " + COLORS.get(color);
            // the question decides which attribute answers it; the image decides its value
            String q1 = image + "c";
            addQuestion(qs, q1, "What color is the object?", image, COLORS.get(color), "queryColor");
            exps.put(q1, explanation);
            String q2 = image + "s";
            addQuestion(qs, q2, "What shape is the object?", image, SHAPES.get(shape), "queryShape");
            exps.put(q2, explanation);
            features.put(image, f);
        }
        JSON.writeValue(questions.resolve(split + "_balanced_questions.json").toFile(), qs);
        JSON.writeValue(data.resolve("converted_explanation_" + split + ".json").toFile(), exps);
        java.util.List<java.util.List<String>> tokens = new java.util.ArrayList<>();
        for (String e : exps.values()) {
            java.util.List<String> t = new java.util.ArrayList<>(TrainingText.explanationWords(e));
            t.add("<end>");
            tokens.add(t);
        }
        explanations.put(split, tokens);
    }

    private void addQuestion(ObjectNode qs, String qid, String question, String image, String answer, String type) {
        ObjectNode q = qs.putObject(qid);
        q.put("question", question);
        q.put("imageId", image);
        q.put("answer", answer);
        q.putObject("types").put("detailed", type);
        q.putArray("semantic"); // GQA's program; the reader requires the field, training does not use it
        if (qid.startsWith("val")) answerCounts.merge(answer, 1, Integer::sum);
    }

    /** Share of the most frequent val answer: what always answering it scores. */
    double majorityBaseline() {
        int total = answerCounts.values().stream().mapToInt(Integer::intValue).sum();
        return answerCounts.values().stream().mapToInt(Integer::intValue).max().orElse(0) / (double) total;
    }

    /**
     * Token accuracy of always writing, at each step, the most frequent train token of that step (words and the end
     * token): what an explanation model scores without looking at the question or the image.
     */
    double tokenBaseline() {
        java.util.List<Map<String, Integer>> counts = new java.util.ArrayList<>();
        for (java.util.List<String> e : explanations.get("train")) {
            for (int t = 0; t < e.size(); t++) {
                while (counts.size() <= t) counts.add(new HashMap<>());
                counts.get(t).merge(e.get(t), 1, Integer::sum);
            }
        }
        int hits = 0;
        int total = 0;
        for (java.util.List<String> e : explanations.get("val")) {
            for (int t = 0; t < e.size(); t++, total++) {
                Map<String, Integer> c = t < counts.size() ? counts.get(t) : Map.of();
                String best = c.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
                if (best.equals(e.get(t))) hits++;
            }
        }
        return hits / (double) total;
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
