package dev.rex.evaluation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Tunables of the evaluation service ({@code rex.evaluation.*}). */
@ConfigMapping(prefix = "rex.evaluation")
public interface EvaluationConfig {
    /**
     * SPICE is expensive (ARCHITECTURE §6: about 2 GB of heap for its parser): off unless a deployment switches it on;
     * the table then says so in SPICE's note, never silently.
     */
    @WithDefault("false")
    boolean spiceEnabled();

    /** METEOR's paraphrase table; without it METEOR runs exact/stem/synonym only, and says so. */
    Optional<Path> meteorParaphraseTable();

    /** Split given to predictions whose request named none. */
    @WithDefault("stream")
    String defaultSplit();

    /**
     * Debounce of the automatic runs: a (model version, split) is evaluated once no prediction for it (and no
     * reference for one of its questions) arrived for this long, so a stream of predictions costs one run, not one
     * per record.
     */
    @WithDefault("5s")
    Duration quietPeriod();

    /** Worker threads the metrics may use (PTB tokenization, METEOR, SPICE parsing). */
    @WithDefault("2")
    int metricThreads();

    /**
     * A folder with REX's {@code attribute_eval_list.json} and {@code attr2cat.json} (and optionally
     * {@code attribute_bank_rel.json} for the category order), as {@code rex eval --attributes} reads it: the table
     * then gets attribute recall per category; without it the row says it is not configured.
     */
    Optional<Path> attributeDir();

    /**
     * A folder with GQA-OOD's {@code ood_{split}_{all,head,tail}.json}: the table then gets GQA-OOD accuracy of a
     * split whose three files are there.
     */
    Optional<Path> oodDir();

    /**
     * The images ({@code <imageId>.jpg} or {@code .png}) the dashboard's question viewer draws the boxes over;
     * without it the viewer draws them over the image's extent.
     */
    Optional<Path> imageDir();
}
