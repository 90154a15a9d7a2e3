package dev.rex.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Sizes of a REX network, as stored in a checkpoint's {@code config.json}: HuggingFace {@code VisualBertConfig}
 * field names for the backbone plus REX's own ({@code num_step}, {@code num_roi}, {@code use_structure},
 * {@code nb_answer}, {@code nb_vocab}). Unknown fields (a full HuggingFace config has many) are ignored; missing
 * optional fields take VisualBERT's defaults.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RexConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("num_hidden_layers") int numHiddenLayers,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("intermediate_size") int intermediateSize,
        @JsonProperty("visual_embedding_dim") int visualEmbeddingDim,
        @JsonProperty("max_position_embeddings") int maxPositionEmbeddings,
        @JsonProperty("type_vocab_size") int typeVocabSize,
        @JsonProperty("layer_norm_eps") double layerNormEps,
        @JsonProperty("hidden_dropout_prob") double hiddenDropoutProb,
        @JsonProperty("attention_probs_dropout_prob") double attentionProbsDropoutProb,
        @JsonProperty("num_step") int numStep,
        @JsonProperty("num_roi") int numRoi,
        @JsonProperty("use_structure") boolean useStructure,
        @JsonProperty("nb_answer") int nbAnswer,
        @JsonProperty("nb_vocab") int nbVocab) {

    public static final List<String> PRESETS = List.of("tiny", "small", "base");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Jackson entry point: absent optional fields get VisualBERT / REX defaults. */
    @com.fasterxml.jackson.annotation.JsonCreator
    static RexConfig fromJson(
            @JsonProperty("vocab_size") Integer vocabSize,
            @JsonProperty("hidden_size") Integer hiddenSize,
            @JsonProperty("num_hidden_layers") Integer numHiddenLayers,
            @JsonProperty("num_attention_heads") Integer numAttentionHeads,
            @JsonProperty("intermediate_size") Integer intermediateSize,
            @JsonProperty("visual_embedding_dim") Integer visualEmbeddingDim,
            @JsonProperty("max_position_embeddings") Integer maxPositionEmbeddings,
            @JsonProperty("type_vocab_size") Integer typeVocabSize,
            @JsonProperty("layer_norm_eps") Double layerNormEps,
            @JsonProperty("hidden_dropout_prob") Double hiddenDropoutProb,
            @JsonProperty("attention_probs_dropout_prob") Double attentionProbsDropoutProb,
            @JsonProperty("num_step") Integer numStep,
            @JsonProperty("num_roi") Integer numRoi,
            @JsonProperty("use_structure") Boolean useStructure,
            @JsonProperty("nb_answer") Integer nbAnswer,
            @JsonProperty("nb_vocab") Integer nbVocab) {
        return new RexConfig(
                required(vocabSize, "vocab_size"), required(hiddenSize, "hidden_size"),
                required(numHiddenLayers, "num_hidden_layers"), required(numAttentionHeads, "num_attention_heads"),
                required(intermediateSize, "intermediate_size"), or(visualEmbeddingDim, 2048),
                or(maxPositionEmbeddings, 512), or(typeVocabSize, 2), or(layerNormEps, 1e-12),
                or(hiddenDropoutProb, 0.1), or(attentionProbsDropoutProb, 0.1), or(numStep, 12), or(numRoi, 36),
                useStructure == null || useStructure, required(nbAnswer, "nb_answer"), required(nbVocab, "nb_vocab"));
    }

    public RexConfig {
        positive(vocabSize, "vocab_size");
        positive(hiddenSize, "hidden_size");
        positive(numHiddenLayers, "num_hidden_layers");
        positive(numAttentionHeads, "num_attention_heads");
        positive(intermediateSize, "intermediate_size");
        positive(visualEmbeddingDim, "visual_embedding_dim");
        positive(maxPositionEmbeddings, "max_position_embeddings");
        positive(numStep, "num_step");
        positive(numRoi, "num_roi");
        positive(nbAnswer, "nb_answer");
        positive(nbVocab, "nb_vocab");
        if (typeVocabSize < 2) {
            // visual tokens use token type 1
            throw new IllegalArgumentException("type_vocab_size must be at least 2 (visual tokens are type 1), got "
                    + typeVocabSize);
        }
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " is not a multiple of num_attention_heads "
                    + numAttentionHeads);
        }
        if (useStructure && nbVocab < numRoi) {
            throw new IllegalArgumentException("use_structure needs the " + numRoi + " region tokens #0..#"
                    + (numRoi - 1) + " in the explanation vocabulary, but nb_vocab is " + nbVocab);
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be > 0, got " + layerNormEps);
        }
        if (hiddenDropoutProb < 0 || hiddenDropoutProb >= 1 || attentionProbsDropoutProb < 0
                || attentionProbsDropoutProb >= 1) {
            throw new IllegalArgumentException("dropout probabilities must be in [0, 1)");
        }
    }

    /**
     * A size preset: {@code tiny} (2 layers, 64 hidden, 4 heads, 128 intermediate; tests), {@code small}
     * (4, 256, 4, 1024) or {@code base} (12, 768, 12, 3072: VisualBERT base). Decoder: 12 steps, 36 regions of
     * 2048-d features, structure gate on.
     */
    public static RexConfig preset(String name, int vocabSize, int nbAnswer, int nbVocab) {
        int[] s = switch (name.toLowerCase(Locale.ROOT)) {
            case "tiny" -> new int[] {2, 64, 4, 128};
            case "small" -> new int[] {4, 256, 4, 1024};
            case "base" -> new int[] {12, 768, 12, 3072};
            default -> throw new IllegalArgumentException("unknown model size '" + name + "': use one of " + PRESETS);
        };
        return new RexConfig(vocabSize, s[1], s[0], s[2], s[3], 2048, 512, 2, 1e-12, 0.1, 0.1, 12, 36, true,
                nbAnswer, nbVocab);
    }

    public RexConfig withUseStructure(boolean on) {
        return new RexConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
                visualEmbeddingDim, maxPositionEmbeddings, typeVocabSize, layerNormEps, hiddenDropoutProb,
                attentionProbsDropoutProb, numStep, numRoi, on, nbAnswer, nbVocab);
    }

    /** The same network with both backbone dropouts at {@code p} (0: training-mode passes are deterministic). */
    public RexConfig withDropout(double p) {
        return new RexConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
                visualEmbeddingDim, maxPositionEmbeddings, typeVocabSize, layerNormEps, p, p, numStep, numRoi,
                useStructure, nbAnswer, nbVocab);
    }

    public RexConfig withNbAnswer(int n) {
        return new RexConfig(vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize,
                visualEmbeddingDim, maxPositionEmbeddings, typeVocabSize, layerNormEps, hiddenDropoutProb,
                attentionProbsDropoutProb, numStep, numRoi, useStructure, n, nbVocab);
    }

    /** Size of the word softmax: the explanation vocabulary plus index 0, the end of sentence. */
    public int nbWords() {
        return nbVocab + 1;
    }

    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    public static RexConfig read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), RexConfig.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(file + ": " + cause.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(this) + "\n");
    }

    private static int required(Integer v, String field) {
        if (v == null) {
            throw new IllegalArgumentException("config.json lacks the field '" + field + "'");
        }
        return v;
    }

    private static <T> T or(T v, T dflt) {
        return v == null ? dflt : v;
    }

    private static void positive(int v, String field) {
        if (v <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + v);
        }
    }
}
