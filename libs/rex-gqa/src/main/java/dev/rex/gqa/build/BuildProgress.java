package dev.rex.gqa.build;

/** Progress of a build, for a caller's progress bar. The library never prints. */
public interface BuildProgress {
    /**
     * @param phase what runs now, e.g. "program train"
     * @param done  questions done in this phase
     * @param total questions in this phase (an estimate while a file is still being read)
     */
    void update(String phase, long done, long total);

    BuildProgress NONE = (phase, done, total) -> { };
}
