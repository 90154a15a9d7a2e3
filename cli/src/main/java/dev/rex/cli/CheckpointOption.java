package dev.rex.cli;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --checkpoint DIR} for every verb that loads a model ({@code @Mixin}): one description, and one check run
 * with the verb's other checks, so that a wrong folder is reported before the engine loads (seconds of libtorch).
 */
public final class CheckpointOption {

    static final List<String> WEIGHTS = List.of("model.safetensors", "config.json");
    static final List<String> DICTIONARIES = List.of("exp2idx.json", "ans2idx.json", "vocab.txt");

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "Checkpoint folder (model.safetensors, config.json; exp2idx.json, ans2idx.json, vocab.txt)"
                    + " as 'rex train' writes it, e.g. .rex/demo/model/best.")
    Path dir;

    public Path dir() {
        return dir;
    }

    /** Records what is missing; {@code dictionaries}: the verb maps text to indices or back. */
    public Checks check(Checks checks, boolean dictionaries) {
        checks.readableDir("--checkpoint", dir, "a checkpoint folder (e.g. .rex/demo/model/best)");
        if (!Files.isDirectory(dir)) {
            return checks;
        }
        List<String> need = dictionaries
                ? java.util.stream.Stream.concat(WEIGHTS.stream(), DICTIONARIES.stream()).toList() : WEIGHTS;
        List<String> missing = need.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
        if (!missing.isEmpty()) {
            checks.fail("--checkpoint " + dir, "has no " + String.join(", ", missing),
                    "give a folder that 'rex train' wrote (its best/ or an epoch-NNN/)");
        }
        return checks;
    }
}
