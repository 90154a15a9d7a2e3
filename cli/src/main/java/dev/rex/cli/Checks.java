package dev.rex.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of one verb checked together before any work: every problem is collected (so a user with two
 * mistakes learns of both at once) and {@link #orThrow()} raises them as one {@link UsageProblems}. Each message
 * names the option, what is wrong and what to do. Outputs are checked writable here, so that a long computation never
 * ends in "(Is a directory)".
 */
public final class Checks {

    private final List<String> problems = new ArrayList<>();

    /** Records a problem: {@code option} (and its value), what is wrong, what to do: "--json out is a folder — ...". */
    public Checks fail(String option, String problem, String fix) {
        problems.add(option + " " + problem + (fix == null || fix.isBlank() ? "" : " — " + fix));
        return this;
    }

    public Checks atLeast(String option, long value, long min) {
        if (value < min) {
            fail(option, "must be at least " + min + ", got " + value, "give " + option + " " + min + " or more");
        }
        return this;
    }

    public Checks atLeast(String option, double value, double min) {
        if (!(value >= min)) { // also rejects NaN
            fail(option, "must be at least " + min + ", got " + value, "give " + option + " " + min + " or more");
        }
        return this;
    }

    public Checks notBlank(String option, String value, String fix) {
        if (value == null || value.isBlank()) {
            fail(option, "is empty", fix);
        }
        return this;
    }

    /** An input file: it exists, is a regular file (not a folder) and is readable. */
    public Checks readableFile(String option, Path file, String what) {
        if (file == null) {
            return this;
        }
        if (Files.isDirectory(file)) {
            fail(option + " " + file, "is a folder", "give " + what + " (a file)");
        } else if (!Files.exists(file)) {
            fail(option + " " + file, "does not exist", "give " + what);
        } else if (!Files.isReadable(file)) {
            fail(option + " " + file, "is not readable", "check its permissions (ls -l " + file + ")");
        }
        return this;
    }

    /** An input folder: it exists and is a folder. */
    public Checks readableDir(String option, Path dir, String what) {
        if (dir == null) {
            return this;
        }
        if (Files.isRegularFile(dir)) {
            fail(option + " " + dir, "is a file", "give " + what + " (a folder)");
        } else if (!Files.isDirectory(dir)) {
            fail(option + " " + dir, "does not exist", "give " + what);
        }
        return this;
    }

    /** An output file: not a folder, and its folder exists (or can be created) and is writable. */
    public Checks writableFile(String option, Path file) {
        if (file == null) {
            return this;
        }
        if (Files.isDirectory(file)) {
            fail(option + " " + file, "is a folder", "give the name of a file to write, e.g. " + file.resolve("out"
                    + suffix(file)));
        } else if (Files.exists(file) && !Files.isWritable(file)) {
            fail(option + " " + file, "exists and is not writable", "give another path or fix its permissions");
        } else {
            Path parent = file.toAbsolutePath().getParent();
            String why = parent == null ? null : unwritableFolder(parent);
            if (why != null) {
                fail(option + " " + file, "cannot be written: " + why, "give a path in a folder you can write to");
            }
        }
        return this;
    }

    /** An output folder: a writable folder, or one that can be created. */
    public Checks writableDir(String option, Path dir) {
        if (dir == null) {
            return this;
        }
        if (Files.isRegularFile(dir)) {
            fail(option + " " + dir, "is a file", "give a folder (new or existing) to write into");
            return this;
        }
        String why = unwritableFolder(dir.toAbsolutePath());
        if (why != null) {
            fail(option + " " + dir, "cannot be written into: " + why, "give a folder you can write to");
        }
        return this;
    }

    /**
     * Why files cannot be created in {@code dir} (which may not exist yet), or null. A folder that exists is probed
     * by creating and deleting a file, since permission bits lie on some file systems ({@code /proc}, read-only
     * mounts); a missing one is judged by its nearest existing ancestor.
     */
    private static String unwritableFolder(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return "no part of the path exists";
        }
        if (!Files.isDirectory(p)) {
            return p + " is a file, not a folder";
        }
        try {
            Path probe = Files.createTempFile(p, ".rex-write-check", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return (p.equals(dir) ? "" : p + ": ") + "not writable (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String suffix(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return name.endsWith(".npz") ? ".npz" : ".json";
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws every recorded problem at once; returns when there is none. */
    public void orThrow() {
        if (!problems.isEmpty()) {
            throw new UsageProblems(problems);
        }
    }

    /** One or more user errors, reported one per line with exit status 2. */
    public static final class UsageProblems extends IllegalArgumentException {
        private final List<String> problems;

        public UsageProblems(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
