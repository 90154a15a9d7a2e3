package dev.rex.gqa.ground;

import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.build.RejectionCode;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.model.SceneObject;
import dev.rex.gqa.text.PyText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 4 ({@code convert_explanation.py}): positions {@code (x,y)} become a 4×4 grid cell {@code @1..@16};
 * every grounded object {@code (obj:id)} becomes the detected box {@code #k} with the best IoU. Replacements are
 * plain substring replacements in the original's order, so an object whose best IoU is not above 0 keeps its
 * numeric id in the text, and an id that is a substring of another id's text is replaced inside it too.
 */
public final class Grounder {
    private final IouMode mode;

    public Grounder(IouMode mode) {
        this.mode = mode;
    }

    /** The grounded explanation of a processed one, on the image's original (unchanged) scene graph. */
    public String ground(String processed, SceneGraph graph, float[][] boxes) {
        if (processed.contains("(obj*:scene)")) return ""; // the original's unreachable special case
        String text = processed;
        List<String> objects = new ArrayList<>(4);
        for (String group : PyText.parenGroups(processed)) {
            if (group.contains("obj*:") || !group.contains("obj")) {
                int comma = group.indexOf(',');
                if (comma >= 0 && number(group.substring(0, comma), group) <= 2) {
                    text = text.replace(group, "@" + gridCell(group));
                }
                continue;
            }
            objects.add(group.substring(4));
        }
        Map<String, String> grounding = new LinkedHashMap<>();
        for (String id : objects) {
            SceneObject o = graph.object(id);
            if (o == null) {
                throw new RejectedException(RejectionCode.MISSING_OBJECT, "grounding: object " + id
                        + " is not in the scene graph of image " + graph.imageId());
            }
            String best = bestBox(o, boxes);
            if (best != null) grounding.put(id, best);
        }
        text = stripMarkers(text);
        for (Map.Entry<String, String> e : grounding.entrySet()) text = text.replace(e.getKey(), e.getValue());
        return PyText.squeeze(text);
    }

    /**
     * {@code .replace('obj*:', '').replace('obj:', '').replace('(', ' ').replace(')', ' ')}: the first replace
     * as written (removing it can form a new "obj:"); the other three in one left-to-right pass, which gives what
     * Python's non-overlapping, non-rescanning replace gives.
     */
    static String stripMarkers(String text) {
        if (text.contains("obj*:")) text = text.replace("obj*:", "");
        StringBuilder sb = new StringBuilder(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 'o' && text.startsWith("obj:", i)) {
                i += 3;
            } else if (c == '(' || c == ')') {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code '#k'} of the first box with the highest IoU above 0, or {@code null}. */
    String bestBox(SceneObject o, float[][] boxes) {
        double x1 = o.x();
        double y1 = o.y();
        double x2 = o.x() + o.w();
        double y2 = o.y() + o.h();
        boolean clamp = mode == IouMode.CLAMPED;
        float best = 0;
        int at = -1;
        for (int i = 0; i < boxes.length; i++) {
            float[] b = boxes[i];
            float iou = Iou.iou(x1, y1, x2, y2, b[0], b[1], b[2], b[3], clamp);
            if (iou > best) {
                best = iou;
                at = i;
            }
        }
        return at < 0 ? null : "#" + at;
    }

    /** {@code find_pos}: the 4×4 cell (1..16, row-major) of a position "x,y" given in image fractions. */
    static int gridCell(String position) {
        List<String> parts = PyText.split(position, ",");
        double x = number(parts.get(0), position);
        double y = number(parts.get(1), position);
        int i = 1;
        while (i < 4 && !(x <= i * 0.25)) i++;
        int j = 1;
        while (j < 4 && !(y <= j * 0.25)) j++;
        return (j - 1) * 4 + i;
    }

    private static double number(String s, String group) {
        try {
            return PyText.pyFloat(s);
        } catch (NumberFormatException e) {
            throw new RejectedException(RejectionCode.BAD_POSITION,
                    "grounding: '(" + group + ")' is neither an object nor a position");
        }
    }
}
