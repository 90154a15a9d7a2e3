package dev.rex.gqa.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation tables REX ships for real GQA, made for the synthetic world so that its table is complete:
 * <ul>
 *   <li>{@code rex-eval/attribute_eval_list.json} (val qid → attributes an explanation should mention: the attribute
 *       words its program filters by, then its answer when that is an attribute), {@code rex-eval/attr2cat.json} and
 *       {@code rex-eval/attribute_bank.json} (category → attributes, the category order of the table);</li>
 *   <li>{@code ood/ood_{val,testdev}_{all,head,tail}.json} in GQA-OOD's way: within each local group the answers
 *       whose count is at most (1 + 0.2) × the group's mean answer count are the tail, the others the head; a file
 *       maps qid → {answer, group}.</li>
 * </ul>
 */
final class SynthEvalTables {
    private static final JsonFactory JSON = new JsonFactory();
    private static final double OOD_ALPHA = 0.2;

    private record Entry(String qid, String answer, String group) {
    }

    private final Map<String, List<String>> attributeList = new LinkedHashMap<>();
    private final Map<String, List<Entry>> oodEntries = new LinkedHashMap<>();

    void add(String split, String qid, SynthQuestion q) {
        if (split.equals("val")) {
            Set<String> attrs = new LinkedHashSet<>();
            for (SynthQuestion.Step st : q.semantic()) {
                String arg = st.argument().trim();
                if (st.operation().startsWith("filter") && SynthVocabulary.categoryOf(arg) != null) attrs.add(arg);
            }
            if (SynthVocabulary.categoryOf(q.answer()) != null) attrs.add(q.answer());
            if (!attrs.isEmpty()) attributeList.put(qid, List.copyOf(attrs));
        }
        if (split.equals("val") || split.equals("testdev")) {
            oodEntries.computeIfAbsent(split, s -> new ArrayList<>()).add(new Entry(qid, q.answer(), q.localGroup()));
        }
    }

    void write(Path out) throws IOException {
        Path rex = Files.createDirectories(out.resolve("rex-eval"));
        try (JsonGenerator g = open(rex.resolve("attribute_eval_list.json"))) {
            g.writeStartObject();
            for (Map.Entry<String, List<String>> e : attributeList.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (String a : e.getValue()) g.writeString(a);
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        Map<String, List<String>> bank = new LinkedHashMap<>();
        try (JsonGenerator g = open(rex.resolve("attr2cat.json"))) {
            g.writeStartObject();
            for (String a : SynthVocabulary.attributes()) {
                String cat = SynthVocabulary.categoryOf(a);
                g.writeStringField(a, cat);
                bank.computeIfAbsent(cat, c -> new ArrayList<>()).add(a);
            }
            g.writeEndObject();
        }
        try (JsonGenerator g = open(rex.resolve("attribute_bank.json"))) {
            g.writeStartObject();
            for (Map.Entry<String, List<String>> e : bank.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (String a : e.getValue()) g.writeString(a);
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        Path ood = Files.createDirectories(out.resolve("ood"));
        for (String split : List.of("val", "testdev")) {
            writeOod(ood, split, oodEntries.getOrDefault(split, List.of()));
        }
    }

    private static void writeOod(Path dir, String split, List<Entry> entries) throws IOException {
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        for (Entry e : entries) counts.computeIfAbsent(e.group(), g -> new LinkedHashMap<>()).merge(e.answer(), 1, Integer::sum);
        List<Entry> head = new ArrayList<>();
        List<Entry> tail = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Integer> group = counts.get(e.group());
            double mean = group.values().stream().mapToInt(Integer::intValue).sum() / (double) group.size();
            (group.get(e.answer()) <= (1 + OOD_ALPHA) * mean ? tail : head).add(e);
        }
        writeEntries(dir.resolve("ood_" + split + "_all.json"), entries);
        writeEntries(dir.resolve("ood_" + split + "_head.json"), head);
        writeEntries(dir.resolve("ood_" + split + "_tail.json"), tail);
    }

    private static void writeEntries(Path file, List<Entry> entries) throws IOException {
        try (JsonGenerator g = open(file)) {
            g.writeStartObject();
            for (Entry e : entries) {
                g.writeObjectFieldStart(e.qid());
                g.writeStringField("answer", e.answer());
                g.writeStringField("group", e.group());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }

    private static JsonGenerator open(Path file) throws IOException {
        return JSON.createGenerator(file.toFile(), JsonEncoding.UTF8);
    }
}
