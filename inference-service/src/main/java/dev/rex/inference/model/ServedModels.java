package dev.rex.inference.model;

import java.util.List;
import java.util.Optional;

/**
 * The versions one replica serves at one moment, newest announcement first: a snapshot, so a batch is routed
 * against one consistent set while the holder may swap in another. Every model here has a reference taken for the
 * snapshot's owner; {@link ModelHolder#release(ServedModels)} gives them back.
 */
public record ServedModels(long generation, List<ServingModel> models) {
    public ServedModels {
        models = List.copyOf(models);
    }

    /** The model unpinned requests get. */
    public Optional<ServingModel> newest() {
        return models.isEmpty() ? Optional.empty() : Optional.of(models.get(0));
    }

    public Optional<ServingModel> version(String version) {
        return models.stream().filter(m -> m.event().version().equals(version)).findFirst();
    }

    public List<String> versions() {
        return models.stream().map(m -> m.event().version()).toList();
    }
}
