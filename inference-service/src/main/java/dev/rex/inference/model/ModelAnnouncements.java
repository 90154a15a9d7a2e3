package dev.rex.inference.model;

import dev.rex.events.EventFormatException;
import dev.rex.events.EventTypes;
import dev.rex.events.ModelEvent;
import dev.rex.inference.config.InferenceConfig;
import dev.rex.service.ConfinedPath;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Which {@code rex.models} announcements this service accepts at all: a configured model name
 * ({@code rex.models.names}; an entry ending in {@code *} is a prefix) and a location inside the models folder
 * ({@code rex.inference.models-dir}, symlinks resolved). Anything else is refused before it is recorded, so no
 * announcement can make the service open a file elsewhere.
 */
@Singleton
public class ModelAnnouncements {
    /** {@code rex.models.*}: the model names inference serves. */
    @ConfigMapping(prefix = "rex.models")
    public interface Names {
        @WithDefault("rex-multitask,rex-exp,rex-vqa,rex-demo-tiny")
        List<String> names();
    }

    private final InferenceConfig config;
    private final List<String> names;

    public ModelAnnouncements(InferenceConfig config, Names names) {
        this.config = config;
        this.names = List.copyOf(names.names());
    }

    /** Throws (the record is dead-lettered with the reason) unless the announcement may be served. */
    public void check(ModelEvent m) {
        if (!nameAccepted(m.modelName())) {
            throw new EventFormatException(EventTypes.MODEL.topic(), "modelName " + m.modelName() + " is not one this "
                    + "service serves (rex.models.names = " + names + ")");
        }
        try {
            ConfinedPath.resolve("location", m.location(), List.of(config.modelsDir()),
                    "rex.inference.models-dir (REX_MODELS_DIR)");
        } catch (ConfinedPath.RefusedPathException e) {
            throw new EventFormatException(EventTypes.MODEL.topic(), e.getMessage());
        }
    }

    private boolean nameAccepted(String name) {
        for (String n : names) {
            if (n.endsWith("*") ? name.startsWith(n.substring(0, n.length() - 1)) : n.equals(name)) return true;
        }
        return false;
    }
}
