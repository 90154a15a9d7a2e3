package dev.rex.gqa.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rex.gqa.build.RejectedException;
import dev.rex.gqa.build.RejectionCode;
import dev.rex.gqa.model.Relation;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.model.SceneObject;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Random access by imageId to a GQA scene-graph file ({@code imageId → graph}) without holding it in memory.
 * Opening makes one streaming pass that records where each graph's JSON starts and ends (about 60 bytes per
 * image: ~5 MB for the 75k training images); {@link #get} reads and parses one graph from those bytes and keeps
 * the most recently used graphs in a bounded cache ({@code cacheSize} graphs; a parsed GQA graph is a few KB,
 * so 4,096 graphs cost roughly 20–40 MB). Thread-safe.
 */
public final class SceneGraphIndex implements Closeable {
    // no String.intern() of field names: the top-level names are millions of distinct qids / imageIds
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES).build();

    private final Path file;
    private final Map<String, long[]> spans = new HashMap<>();
    private final FileChannel channel;
    private final Map<String, SceneGraph> cache;

    public SceneGraphIndex(Path file, int cacheSize) {
        this.file = file;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new GqaFormatException(file + ": a GQA scene-graph file is a JSON object imageId → graph; "
                        + "this one does not start with '{'");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String imageId = p.currentName();
                JsonToken v = p.nextToken();
                long start = p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                long end = p.currentTokenLocation().getByteOffset() + 1;
                if (v == JsonToken.START_OBJECT) spans.put(imageId, new long[]{start, end - start});
                else spans.put(imageId, new long[]{-1, 0}); // present but not an object: rejected on use
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new GqaFormatException(file + ": malformed JSON at byte " + e.getLocation().getByteOffset()
                    + " (" + e.getOriginalMessage() + "); re-download or repair the file", e);
        } catch (IOException e) {
            throw new GqaFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new GqaFormatException("cannot open " + file + ": " + e.getMessage(), e);
        }
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SceneGraph> e) {
                return size() > cacheSize;
            }
        };
    }

    public int size() {
        return spans.size();
    }

    public Set<String> imageIds() {
        return spans.keySet();
    }

    public boolean contains(String imageId) {
        return spans.containsKey(imageId);
    }

    /**
     * The graph of an image.
     *
     * @throws RejectedException {@code MISSING_SCENE_GRAPH} when the file has no such image,
     *                           {@code INVALID_SCENE_GRAPH} when its graph is malformed (naming image and field)
     */
    public SceneGraph get(String imageId) {
        synchronized (cache) {
            SceneGraph g = cache.get(imageId);
            if (g != null) return g;
        }
        long[] span = spans.get(imageId);
        if (span == null) {
            throw new RejectedException(RejectionCode.MISSING_SCENE_GRAPH,
                    "image " + imageId + " has no scene graph in " + file.getFileName());
        }
        if (span[0] < 0) {
            throw new RejectedException(RejectionCode.INVALID_SCENE_GRAPH, "image " + imageId + ": not an object");
        }
        byte[] bytes = new byte[(int) span[1]];
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            long pos = span[0];
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos + buf.position());
                if (n < 0) throw new IOException("unexpected end of file");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        SceneGraph g = parse(imageId, bytes);
        synchronized (cache) {
            cache.put(imageId, g);
        }
        return g;
    }

    /** Parses one graph's JSON object. */
    public static SceneGraph parse(String imageId, byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            return readGraph(imageId, p);
        } catch (IOException e) {
            throw new RejectedException(RejectionCode.INVALID_SCENE_GRAPH,
                    "image " + imageId + ": malformed JSON (" + e.getMessage() + ")");
        }
    }

    static SceneGraph readGraph(String imageId, JsonParser p) throws IOException {
        Double width = null;
        Double height = null;
        String location = null;
        String weather = null;
        Map<String, SceneObject> objects = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            switch (f) {
                case "width" -> width = number(p, v, imageId, "width");
                case "height" -> height = number(p, v, imageId, "height");
                case "location" -> location = v == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                case "weather" -> weather = v == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                case "objects" -> {
                    if (v != JsonToken.START_OBJECT) throw invalid(imageId, "objects", "is not an object");
                    objects = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String id = p.currentName();
                        if (p.nextToken() != JsonToken.START_OBJECT) {
                            throw invalid(imageId, "objects." + id, "is not an object");
                        }
                        objects.put(id, readObject(imageId, id, p));
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (width == null) throw invalid(imageId, "width", "is missing");
        if (height == null) throw invalid(imageId, "height", "is missing");
        if (objects == null) throw invalid(imageId, "objects", "is missing");
        return new SceneGraph(imageId, width, height, location, weather, objects);
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    private static SceneObject readObject(String imageId, String id, JsonParser p) throws IOException {
        String name = null;
        Double x = null, y = null, w = null, h = null;
        boolean integral = true;
        List<String> attributes = List.of();
        List<Relation> relations = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            switch (f) {
                case "name" -> {
                    if (v != JsonToken.VALUE_STRING) throw invalid(imageId, "objects." + id + ".name", "is not a string");
                    name = p.getText();
                }
                case "x", "y", "w", "h" -> {
                    double d = number(p, v, imageId, "objects." + id + "." + f);
                    integral &= v == JsonToken.VALUE_NUMBER_INT;
                    switch (f) {
                        case "x" -> x = d;
                        case "y" -> y = d;
                        case "w" -> w = d;
                        default -> h = d;
                    }
                }
                case "attributes" -> {
                    if (v != JsonToken.START_ARRAY) throw invalid(imageId, "objects." + id + ".attributes", "is not a list");
                    List<String> a = new ArrayList<>(4);
                    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (v != JsonToken.VALUE_STRING) {
                            throw invalid(imageId, "objects." + id + ".attributes", "holds a non-string");
                        }
                        a.add(p.getText());
                    }
                    attributes = a;
                }
                case "relations" -> {
                    if (v != JsonToken.START_ARRAY) throw invalid(imageId, "objects." + id + ".relations", "is not a list");
                    List<Relation> rs = new ArrayList<>(4);
                    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (v != JsonToken.START_OBJECT) {
                            throw invalid(imageId, "objects." + id + ".relations", "holds a non-object");
                        }
                        String rn = null;
                        String ro = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String rf = p.currentName();
                            JsonToken rv = p.nextToken();
                            if (rf.equals("name") && rv == JsonToken.VALUE_STRING) rn = p.getText();
                            else if (rf.equals("object") && rv == JsonToken.VALUE_STRING) ro = p.getText();
                            else p.skipChildren();
                        }
                        if (rn == null || ro == null) {
                            throw invalid(imageId, "objects." + id + ".relations", "has an entry without name/object");
                        }
                        rs.add(new Relation(rn, ro));
                    }
                    relations = rs;
                }
                default -> p.skipChildren();
            }
        }
        if (name == null) throw invalid(imageId, "objects." + id + ".name", "is missing");
        if (x == null || y == null || w == null || h == null) {
            throw invalid(imageId, "objects." + id + ".x/y/w/h", "is missing");
        }
        return new SceneObject(id, name, x, y, w, h, integral, attributes, relations);
    }

    private static double number(JsonParser p, JsonToken v, String imageId, String field) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            throw invalid(imageId, field, "is not a number");
        }
        return p.getDoubleValue();
    }

    private static RejectedException invalid(String imageId, String field, String what) {
        return new RejectedException(RejectionCode.INVALID_SCENE_GRAPH, "image " + imageId + ": " + field + " " + what);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
