package dev.rex.gqa.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Streams one split of the synthetic world as GQA's JSON files — {@code <split>_balanced_questions.json} and
 * {@code <split>_sceneGraphs.json} — with GQA's field names and (raw-file) field order, never holding the split in
 * memory. Plain Jackson streaming: the formats are GQA's, independent of any reader.
 */
final class SynthWriter implements Closeable {
    private static final JsonFactory JSON = new JsonFactory();
    private final JsonGenerator questions;
    private final JsonGenerator scenes;

    SynthWriter(Path out, String split) throws IOException {
        Files.createDirectories(out.resolve("questions"));
        Files.createDirectories(out.resolve("sceneGraphs"));
        questions = JSON.createGenerator(out.resolve("questions").resolve(split + "_balanced_questions.json").toFile(),
                JsonEncoding.UTF8);
        scenes = JSON.createGenerator(out.resolve("sceneGraphs").resolve(split + "_sceneGraphs.json").toFile(),
                JsonEncoding.UTF8);
        questions.writeStartObject();
        scenes.writeStartObject();
    }

    void scene(SynthScene s) throws IOException {
        JsonGenerator g = scenes;
        g.writeObjectFieldStart(s.imageId);
        g.writeNumberField("width", s.width);
        g.writeObjectFieldStart("objects");
        for (SynthObject o : s.objects) {
            g.writeObjectFieldStart(o.id);
            g.writeStringField("name", o.name());
            g.writeNumberField("h", o.h);
            g.writeArrayFieldStart("relations");
            for (String[] r : o.relations) {
                g.writeStartObject();
                g.writeStringField("object", r[1]);
                g.writeStringField("name", r[0]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("w", o.w);
            g.writeArrayFieldStart("attributes");
            for (String a : o.attrs.values()) g.writeString(a);
            g.writeEndArray();
            g.writeNumberField("y", o.y);
            g.writeNumberField("x", o.x);
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeNumberField("height", s.height);
        g.writeEndObject();
    }

    void question(String qid, String imageId, SynthQuestion q) throws IOException {
        JsonGenerator g = questions;
        g.writeObjectFieldStart(qid);
        g.writeArrayFieldStart("semantic");
        for (SynthQuestion.Step st : q.semantic()) {
            g.writeStartObject();
            g.writeStringField("operation", st.operation());
            g.writeArrayFieldStart("dependencies");
            for (int d : st.dependencies()) g.writeNumber(d);
            g.writeEndArray();
            g.writeStringField("argument", st.argument());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("entailed");
        g.writeEndArray();
        g.writeArrayFieldStart("equivalent");
        g.writeString(qid);
        g.writeEndArray();
        g.writeStringField("question", q.question());
        g.writeStringField("imageId", imageId);
        g.writeBooleanField("isBalanced", true);
        g.writeObjectFieldStart("groups");
        if (q.globalGroup() == null) g.writeNullField("global");
        else g.writeStringField("global", q.globalGroup());
        g.writeStringField("local", q.localGroup());
        g.writeEndObject();
        g.writeStringField("answer", q.answer());
        g.writeStringField("semanticStr", q.semanticStr());
        g.writeObjectFieldStart("annotations");
        map(g, "answer", q.answerAnnotations());
        map(g, "question", q.questionAnnotations());
        map(g, "fullAnswer", q.fullAnswerAnnotations());
        g.writeEndObject();
        g.writeObjectFieldStart("types");
        g.writeStringField("detailed", q.detailed());
        g.writeStringField("semantic", q.semanticType());
        g.writeStringField("structural", q.structural());
        g.writeEndObject();
        g.writeStringField("fullAnswer", q.fullAnswer());
        g.writeEndObject();
    }

    private static void map(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : m.entrySet()) g.writeStringField(e.getKey(), e.getValue());
        g.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        questions.writeEndObject();
        scenes.writeEndObject();
        questions.close();
        scenes.close();
    }
}
