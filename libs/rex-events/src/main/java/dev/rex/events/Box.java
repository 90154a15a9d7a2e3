package dev.rex.events;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/** A detected region's box in image pixels, corners {@code (x1, y1)}–{@code (x2, y2)} as bottom-up features store them. */
@JsonSerialize(using = BoxJson.Writer.class)
@JsonDeserialize(using = BoxJson.Reader.class)
public record Box(double x1, double y1, double x2, double y2) {
    public Box {
        if (!(x2 >= x1 && y2 >= y1)) {
            throw new IllegalArgumentException("box corners must satisfy x1<=x2 and y1<=y2, were (" + x1 + "," + y1
                    + ")-(" + x2 + "," + y2 + ")");
        }
    }
}
