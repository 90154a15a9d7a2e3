package dev.rex.model.train;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data of a run: the dictionaries (read from the GQA-REX build, or generated as generate_dictionary.py does and
 * written to the output folder), the training samples (filtered; for VQA transfer only the per-type subset) and the
 * validation samples (all val questions).
 */
public record TrainingData(Dictionaries dictionaries, SampleSet train, SampleSet val, Path dictionariesFrom) {
    public static final String TRAIN = "train";
    public static final String VAL = "val";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static TrainingData load(TrainingConfig cfg, FeatureSource features, TrainingListener listener)
            throws IOException {
        Map<String, String> trainExp = readExplanations(cfg.data(), TRAIN);
        Map<String, String> valExp = readExplanations(cfg.data(), VAL);
        Path trainQuestions = QuestionFiles.questionsFile(cfg.questions(), TRAIN);
        Path valQuestions = QuestionFiles.questionsFile(cfg.questions(), VAL);

        Dictionaries dictionaries;
        Path from;
        if (Dictionaries.existIn(cfg.data())) {
            dictionaries = Dictionaries.read(cfg.data());
            from = cfg.data();
        } else if (Dictionaries.existIn(cfg.out())) {
            dictionaries = Dictionaries.read(cfg.out());
            from = cfg.out();
        } else {
            Map<String, String> answers = new HashMap<>();
            for (Path file : List.of(trainQuestions, valQuestions)) {
                QuestionFiles.stream(file, q -> {
                    if (trainExp.containsKey(q.qid()) || valExp.containsKey(q.qid())) answers.put(q.qid(), q.answer());
                });
            }
            dictionaries = Dictionaries.generate(List.of(trainExp, valExp), answers::get);
            dictionaries.write(cfg.out());
            from = cfg.out();
            listener.note("dictionaries generated from " + cfg.data() + " (" + dictionaries.nbVocab() + " words, "
                    + dictionaries.nbAnswer() + " answers) and written to " + cfg.out());
        }

        Set<String> subset = null;
        if (cfg.mode() == TrainMode.VQA && cfg.percentage() < 100) {
            TransferSubset types = new TransferSubset();
            QuestionFiles.stream(trainQuestions, q -> types.add(q.qid(), q.detailedType()));
            subset = types.select(cfg.percentage(), cfg.seed());
            listener.note(subset.size() + " train questions drawn for " + cfg.percentage() + " % over "
                    + types.typeCount() + " question types (seed " + cfg.seed() + ")");
        }
        SampleSet.Builder train = new SampleSet.Builder(dictionaries, trainExp, true, subset, features::contains);
        QuestionFiles.stream(trainQuestions, limited(train::accept, cfg.limitTrain(), train));
        SampleSet.Builder val = new SampleSet.Builder(dictionaries, valExp, false, null, features::contains);
        QuestionFiles.stream(valQuestions, limited(val::accept, cfg.limitVal(), val));
        SampleSet trainSet = train.build();
        SampleSet valSet = val.build();
        if (trainSet.size() < cfg.batch()) {
            throw new IllegalArgumentException("only " + trainSet.size() + " training questions remain after the filters "
                    + trainSet.skipped() + ", fewer than one batch of " + cfg.batch() + ": use a smaller --batch");
        }
        if (valSet.size() == 0) {
            throw new IllegalArgumentException("no val question has features in " + cfg.features());
        }
        return new TrainingData(dictionaries, trainSet, valSet, from);
    }

    /** Stops feeding the builder once it holds {@code limit} samples (0 = no limit). */
    private static java.util.function.Consumer<QuestionRow> limited(java.util.function.Consumer<QuestionRow> sink,
                                                                    int limit, SampleSet.Builder builder) {
        if (limit <= 0) return sink;
        return q -> {
            if (builder.size() < limit) sink.accept(q);
        };
    }

    /** {@code converted_explanation_{split}.json}: qid → explanation, in file order (streamed into a map). */
    public static Map<String, String> readExplanations(Path dataDir, String split) throws IOException {
        Path file = dataDir.resolve("converted_explanation_" + split + ".json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing " + file + ": --data must be a GQA-REX build folder "
                    + "(rex dataset build --out) holding converted_explanation_train.json and _val.json");
        }
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); JsonParser p = new JsonFactory(JSON).createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": expected a JSON object qid → explanation");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String qid = p.currentName();
                JsonToken t = p.nextToken();
                if (t != JsonToken.VALUE_STRING) {
                    throw new IOException(file + ": the explanation of " + qid + " is not a string");
                }
                out.put(qid, p.getText());
            }
        }
        return out;
    }
}
