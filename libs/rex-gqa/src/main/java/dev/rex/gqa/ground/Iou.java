package dev.rex.gqa.ground;

/**
 * The IoU of a scene-graph object (Python numbers) with a detected box (NumPy float32), computed with the types
 * the original's arithmetic has under NumPy 2 (NEP 50): Python's {@code min}/{@code max} return whichever operand
 * wins, so each term is either a Python number (exact double arithmetic) or a float32; an operation with a float32
 * operand is a float32 operation. The union always involves the box, so the IoU is a float32, and ties and
 * near-ties between boxes are decided exactly as in the original.
 */
final class Iou {
    private Iou() {
    }

    /**
     * @param o object corners x1 y1 x2 y2 (Python values)
     * @param b box corners x1 y1 x2 y2 (float32)
     */
    static float iou(double o0, double o1, double o2, double o3, float b0, float b1, float b2, float b3,
                     boolean clamp) {
        // x overlap: min(o2, b2) - max(o0, b0); min/max keep the first operand unless the second is strictly better
        boolean hiF = b2 < o2;
        boolean loF = b0 > o0;
        boolean dxF = hiF || loF;
        double dx = dxF ? (double) ((hiF ? b2 : (float) o2) - (loF ? b0 : (float) o0))
                : o2 - o0;
        boolean hiYF = b3 < o3;
        boolean loYF = b1 > o1;
        boolean dyF = hiYF || loYF;
        double dy = dyF ? (double) ((hiYF ? b3 : (float) o3) - (loYF ? b1 : (float) o1))
                : o3 - o1;
        if (clamp) {
            if (!(dx > 0)) {
                dx = 0;
                dxF = false;
            }
            if (!(dy > 0)) {
                dy = 0;
                dyF = false;
            }
        }
        boolean interF = dxF || dyF;
        double inter = interF ? (double) ((float) dx * (float) dy) : dx * dy;
        double areaObject = (o2 - o0) * (o3 - o1);
        float areaBox = (b2 - b0) * (b3 - b1);
        float union = ((float) areaObject + areaBox) - (float) inter;
        return (float) inter / union;
    }
}
