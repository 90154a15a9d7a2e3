package dev.rex.gqa.synth;

import dev.rex.gqa.features.ImageFeatures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The 36 "detected" regions of a synthetic image and their 2048-d features. Regions are each object's box with
 * a small jitter, a looser second detection of the larger objects, then background boxes, in shuffled order.
 * A region's feature is a fixed random embedding of what it covers — its object's name plus each of the
 * object's attributes, weighted by how well the region fits the object — blended with a background embedding,
 * plus a code of where the box is, plus Gaussian noise, through a ReLU: a model can learn names and attributes
 * from it, but not for free. Embeddings are sparse and non-negative (a few dozen active dimensions each), like
 * the pooled ReLU features of a real detector; dense random ±embeddings in all 2048 dimensions made the network
 * learn far more slowly. The place code stands in for the layout a real detector's features carry; without it
 * positions ({@code @k} cells, left/right, higher/lower) could not be learned at all, since REX sees no box
 * coordinates.
 */
final class RegionGenerator {
    static final String BACKGROUND = "<background>";
    private static final double ATTRIBUTE_WEIGHT = 0.7;
    private static final double NOISE = 0.1;
    /** Active dimensions of one embedding. */
    private static final int ACTIVE = 32;
    /** Anchors per box coordinate of the place code, and their width in image fractions. */
    private static final int PLACE_ANCHORS = 9;
    private static final double PLACE_WIDTH = 0.08;
    private static final double PLACE_WEIGHT = 1.0;

    private final Map<String, float[]> embeddings = new HashMap<>();
    /** [coordinate x1,y1,x2,y2][anchor] → embedding. */
    private final float[][][] place = new float[4][PLACE_ANCHORS][];

    RegionGenerator(long seed) {
        List<String> words = new ArrayList<>();
        words.add(BACKGROUND);
        SynthVocabulary.classes().forEach(c -> words.add(c.name()));
        words.addAll(SynthVocabulary.attributes());
        for (String w : words) embeddings.put(w, embedding(seed, w));
        for (int c = 0; c < 4; c++) {
            for (int a = 0; a < PLACE_ANCHORS; a++) place[c][a] = embedding(seed, "<place " + c + " " + a + ">");
        }
    }

    private static float[] embedding(long seed, String word) {
        // Seeded by the world seed and the word only: the same word has the same embedding in every image.
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + word.hashCode());
        Normal normal = new Normal(r);
        float[] e = new float[ImageFeatures.FEATURE_DIM];
        for (int n = 0; n < ACTIVE; ) {
            int i = r.nextInt(e.length);
            if (e[i] != 0) continue;
            e[i] = (float) (1 + 0.5 * Math.abs(normal.next()));
            n++;
        }
        return e;
    }

    /** Σ over anchors of a Gaussian bump at each normalized coordinate times its anchor embedding, normalized. */
    private double[] placeCode(double[] box, SynthScene s) {
        double[] norm = {box[0] / s.width, box[1] / s.height, box[2] / s.width, box[3] / s.height};
        double[] code = new double[ImageFeatures.FEATURE_DIM];
        for (int c = 0; c < 4; c++) {
            double[] w = new double[PLACE_ANCHORS];
            double sum = 0;
            for (int a = 0; a < PLACE_ANCHORS; a++) {
                double d = (norm[c] - a / (double) (PLACE_ANCHORS - 1)) / PLACE_WIDTH;
                w[a] = Math.exp(-0.5 * d * d);
                sum += w[a];
            }
            for (int a = 0; a < PLACE_ANCHORS; a++) {
                float[] e = place[c][a];
                double k = PLACE_WEIGHT * w[a] / sum;
                for (int i = 0; i < code.length; i++) code[i] += k * e[i];
            }
        }
        return code;
    }

    record Regions(float[] boxes, float[] features) {
    }

    Regions make(SynthScene s, SplittableRandom r) {
        int n = ImageFeatures.REGIONS;
        List<double[]> boxes = new ArrayList<>();
        for (SynthObject o : s.objects) {
            if (boxes.size() < n) boxes.add(jitter(o, 0.06, s, r));
        }
        for (SynthObject o : s.objects) {
            if (boxes.size() < n && (double) o.w * o.h > 0.02 * s.width * s.height) boxes.add(jitter(o, 0.18, s, r));
        }
        while (boxes.size() < n) {
            double w = (0.08 + 0.5 * r.nextDouble()) * s.width;
            double h = (0.08 + 0.5 * r.nextDouble()) * s.height;
            double x = r.nextDouble() * (s.width - w);
            double y = r.nextDouble() * (s.height - h);
            boxes.add(new double[]{x, y, x + w, y + h});
        }
        for (int i = boxes.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double[] t = boxes.get(i);
            boxes.set(i, boxes.get(j));
            boxes.set(j, t);
        }
        float[] flatBoxes = new float[n * 4];
        float[] features = new float[n * ImageFeatures.FEATURE_DIM];
        float[] bg = embeddings.get(BACKGROUND);
        Normal noise = new Normal(r);
        for (int k = 0; k < n; k++) {
            double[] b = boxes.get(k);
            for (int j = 0; j < 4; j++) flatBoxes[k * 4 + j] = (float) b[j];
            SynthObject best = null;
            double bestIou = 0;
            for (SynthObject o : s.objects) {
                double iou = iou(b, new double[]{o.x, o.y, o.x + o.w, o.y + o.h});
                if (iou > bestIou) {
                    bestIou = iou;
                    best = o;
                }
            }
            double fit = best == null ? 0 : Math.max(0, Math.min(1, (bestIou - 0.3) / 0.4));
            int off = k * ImageFeatures.FEATURE_DIM;
            float[] name = best == null ? bg : embeddings.get(best.name());
            List<float[]> attrs = new ArrayList<>();
            if (best != null) best.attrs.values().forEach(v -> attrs.add(embeddings.get(v)));
            double[] where = placeCode(b, s);
            for (int i = 0; i < ImageFeatures.FEATURE_DIM; i++) {
                double content = name[i];
                for (float[] a : attrs) content += ATTRIBUTE_WEIGHT * a[i];
                features[off + i] = (float) Math.max(0, fit * content + (1 - fit) * bg[i] + where[i]
                        + NOISE * noise.next());
            }
        }
        return new Regions(flatBoxes, features);
    }

    /** The object's box with each side moved by up to {@code amount} of its size, clipped to the image. */
    private static double[] jitter(SynthObject o, double amount, SynthScene s, SplittableRandom r) {
        double x1 = o.x + (r.nextDouble() * 2 - 1) * amount * o.w;
        double y1 = o.y + (r.nextDouble() * 2 - 1) * amount * o.h;
        double x2 = o.x + o.w + (r.nextDouble() * 2 - 1) * amount * o.w;
        double y2 = o.y + o.h + (r.nextDouble() * 2 - 1) * amount * o.h;
        x1 = Math.max(0, x1);
        y1 = Math.max(0, y1);
        x2 = Math.min(s.width - 1, Math.max(x1 + 1, x2));
        y2 = Math.min(s.height - 1, Math.max(y1 + 1, y2));
        return new double[]{x1, y1, x2, y2};
    }

    static double iou(double[] a, double[] b) {
        double iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (iw <= 0 || ih <= 0) return 0;
        double inter = iw * ih;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }
}
