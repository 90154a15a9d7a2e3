package dev.rex.inference.model;

import dev.rex.events.EventFormatException;
import dev.rex.events.EventTypes;
import dev.rex.events.ModelEvent;
import dev.rex.inference.config.InferenceConfig;
import dev.rex.service.ConfinedPath;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Which {@code rex.models} announcements this service accepts at all: a configured model name
 * ({@code rex.inference.model-names}; an entry ending in {@code *} is a prefix) and a location inside the models folder
 * ({@code rex.inference.models-dir}, symlinks resolved). Anything else is refused before it is recorded, so no
 * announcement can make the service open a file elsewhere.
 */
@Singleton
public class ModelAnnouncements {
    private final InferenceConfig config;

    public ModelAnnouncements(InferenceConfig config) {
        this.config = config;
    }

    /** Throws (the record is dead-lettered with the reason) unless the announcement may be served. */
    public void check(ModelEvent m) {
        if (!named(config.modelNames(), m.modelName())) {
            throw new EventFormatException(EventTypes.MODEL.topic(), "modelName " + m.modelName() + " is not one this "
                    + "service serves (rex.inference.model-names = " + config.modelNames() + ")");
        }
        try {
            ConfinedPath.resolve("location", m.location(), List.of(config.modelsDir()),
                    "rex.inference.models-dir (REX_MODELS_DIR)");
        } catch (ConfinedPath.RefusedPathException e) {
            throw new EventFormatException(EventTypes.MODEL.topic(), e.getMessage());
        }
    }

    /** Whether {@code name} is one of {@code names}, where an entry ending in {@code *} is a prefix. */
    public static boolean named(List<String> names, String name) {
        for (String n : names) {
            if (n.endsWith("*") ? name.startsWith(n.substring(0, n.length() - 1)) : n.equals(name)) return true;
        }
        return false;
    }
}
