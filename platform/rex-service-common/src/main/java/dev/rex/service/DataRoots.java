package dev.rex.service;

import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The configured data roots ({@link DataRootsConfig}) with the confinement check of {@link ConfinedPath}. */
@Singleton
public class DataRoots {
    public static final String SETTING = "rex.data.roots (REX_DATA_ROOTS, comma-separated folders)";

    private final List<Path> roots;

    public DataRoots(DataRootsConfig config) {
        this.roots = List.copyOf(config.roots().orElse(List.of()));
    }

    public List<Path> roots() {
        return roots;
    }

    /** {@code value} resolved inside the data roots, or any of {@code extraRoots} (e.g. the models folder). */
    public Path resolve(String field, String value, Path... extraRoots) {
        List<Path> all = new ArrayList<>(roots);
        all.addAll(List.of(extraRoots));
        return ConfinedPath.resolve(field, value, all, SETTING);
    }
}
