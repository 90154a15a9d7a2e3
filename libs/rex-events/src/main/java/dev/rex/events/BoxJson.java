package dev.rex.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * {@link Box} as JSON, written and read field by field: a program event carries 72 boxes and an explanation event 36,
 * and the generic record binding (an accessor called reflectively and its double boxed, per coordinate) cost more
 * than the numbers themselves. Same JSON as the generic binding: {@code {"x1":…,"y1":…,"x2":…,"y2":…}}, fields
 * read in any order, unknown ones skipped, a missing one 0 and a null one refused, as the mapper's settings say.
 */
final class BoxJson {
    private BoxJson() {
    }

    static final class Writer extends StdSerializer<Box> {
        Writer() {
            super(Box.class);
        }

        @Override
        public void serialize(Box b, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject(b);
            g.writeNumberField("x1", b.x1());
            g.writeNumberField("y1", b.y1());
            g.writeNumberField("x2", b.x2());
            g.writeNumberField("y2", b.y2());
            g.writeEndObject();
        }
    }

    static final class Reader extends StdDeserializer<Box> {
        Reader() {
            super(Box.class);
        }

        @Override
        public Box deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT) t = p.nextToken();
            if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
                return (Box) ctxt.handleUnexpectedToken(Box.class, p);
            }
            double[] v = new double[4];
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                int i = switch (name) {
                    case "x1" -> 0;
                    case "y1" -> 1;
                    case "x2" -> 2;
                    case "y2" -> 3;
                    default -> -1;
                };
                if (i < 0) {
                    p.skipChildren();
                } else {
                    v[i] = coordinate(p, ctxt, name);
                }
            }
            try {
                return new Box(v[0], v[1], v[2], v[3]);
            } catch (IllegalArgumentException e) {
                return (Box) ctxt.handleInstantiationProblem(Box.class, null, e);
            }
        }

        private static double coordinate(JsonParser p, DeserializationContext ctxt, String name) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) return p.getDoubleValue();
            if (t == JsonToken.VALUE_NULL) {
                return (Double) ctxt.handleUnexpectedToken(double.class, t, p, "box %s may not be null", name);
            }
            return ctxt.readValue(p, Double.class); // the mapper's own coercions (e.g. a number in a string)
        }
    }
}
