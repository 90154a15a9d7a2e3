package dev.rex.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.rex.model.nn.RexNetwork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A REX network with its weights (a DJL {@link Model}) and, when known, the dictionaries that give its indices a
 * meaning. Build one with {@link #create(RexConfig, long)} (fresh weights, for training) or
 * {@link RexCheckpoint#load(java.nio.file.Path)}; run it through {@link #newPredictor()}, one per thread.
 */
public final class RexModel implements AutoCloseable {
    private final Model model;
    private final RexConfig config;
    private RexDictionaries dictionaries;

    RexModel(Model model, RexConfig config, RexDictionaries dictionaries) {
        this.model = model;
        this.config = config;
        this.dictionaries = dictionaries;
    }

    /** Fresh, randomly initialised weights (seeded), no dictionaries. */
    public static RexModel create(RexConfig config, long seed) {
        return new RexModel(RexNetworkFactory.newModel(config, seed), config, null);
    }

    public RexConfig config() {
        return config;
    }

    /** The DJL model, for a trainer ({@code model.newTrainer(...)}) or direct block calls. */
    public Model djlModel() {
        return model;
    }

    public RexNetwork network() {
        return (RexNetwork) model.getBlock();
    }

    public Optional<RexDictionaries> dictionaries() {
        return Optional.ofNullable(dictionaries);
    }

    public void setDictionaries(RexDictionaries d) {
        if (d != null) {
            d.checkAgainst(config);
        }
        this.dictionaries = d;
    }

    /** A new predictor; each inference thread owns its own and closes it. */
    public RexPredictor newPredictor() {
        return new RexPredictor(model.newPredictor(new RexPredictor.BatchTranslator()));
    }

    /** Parameters keyed by checkpoint name ({@link ParameterNames}). */
    public Map<String, Parameter> parameters() {
        return ParameterNames.of(model.getBlock());
    }

    /**
     * Overwrites weights from named tensors (any naming {@link ParameterNames#canonical} knows).
     * {@code backboneOnly}: load the VisualBERT backbone of a pretrained file and keep the rest as it is; every
     * backbone parameter must then be present. Otherwise every parameter must be present except
     * {@code structure_mapping} (kept at its fixed value when absent). Shapes must match the config exactly.
     */
    public LoadReport load(Map<String, NDArray> tensors, boolean backboneOnly) {
        Map<String, Parameter> params = parameters();
        Map<String, NDArray> mapped = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            Optional<String> name = ParameterNames.canonical(e.getKey());
            if (name.isEmpty() || (backboneOnly && !ParameterNames.isBackbone(name.get()))) {
                skipped.add(e.getKey());
            } else if (!params.containsKey(name.get())) {
                unknown.add(e.getKey());
            } else if (mapped.put(name.get(), e.getValue()) != null) {
                throw new IllegalArgumentException("two tensors map to the parameter '" + name.get() + "' (one is '"
                        + e.getKey() + "'): the file mixes naming schemes");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("tensors that this network (config.json) has no parameter for: "
                    + new TreeSet<>(unknown) + (config.useStructure() ? ""
                    : " (use_structure is false: is the checkpoint's config right?)"));
        }
        List<String> missing = new ArrayList<>();
        for (String name : params.keySet()) {
            boolean needed = backboneOnly ? ParameterNames.isBackbone(name)
                    : !name.equals(RexNetwork.STRUCTURE_MAPPING);
            if (needed && !mapped.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the weights lack " + missing.size() + " parameter(s): "
                    + (missing.size() > 8 ? missing.subList(0, 8) + " …" : missing));
        }
        for (Map.Entry<String, NDArray> e : mapped.entrySet()) {
            Parameter p = params.get(e.getKey());
            NDArray target = p.getArray();
            NDArray src = e.getValue();
            if (!src.getShape().equals(target.getShape())) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' has shape " + src.getShape()
                        + " but the network (config.json) expects " + target.getShape());
            }
            target.set(src.toType(DataType.FLOAT32, false).toByteBuffer());
        }
        return new LoadReport(new ArrayList<>(mapped.keySet()), skipped);
    }

    /** What a load did: the parameters it set (our names) and the tensors it skipped (their names). */
    public record LoadReport(List<String> loaded, List<String> skipped) {
    }

    @Override
    public void close() {
        model.close();
    }
}
