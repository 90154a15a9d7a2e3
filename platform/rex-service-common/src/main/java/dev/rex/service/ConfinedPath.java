package dev.rex.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A path taken from a request or an event, resolved against configured roots before anything opens it: relative
 * paths resolve against the first root; the result is normalized and its existing part resolved through symlinks
 * ({@code toRealPath}); it must then lie inside one of the roots (also resolved). Anything else is a
 * {@link RefusedPathException} naming the field — never a read, so no error can quote a file outside the roots.
 */
public final class ConfinedPath {
    /** Longest path accepted (characters). */
    public static final int MAX_CHARS = 4_096;

    private ConfinedPath() {
    }

    /** A path outside the roots, or not a path at all; {@link #field()} names where it came from. */
    public static final class RefusedPathException extends IllegalArgumentException {
        private final String field;
        private final String reason;

        public RefusedPathException(String field, String reason) {
            super(field + ": " + reason);
            this.field = field;
            this.reason = reason;
        }

        public String field() {
            return field;
        }

        /** The message without the field name. */
        public String reason() {
            return reason;
        }
    }

    /**
     * @param field  the request field or event field the value came from (named in the error)
     * @param value  the path as given
     * @param roots  the allowed folders; the first one resolves a relative value
     * @param config the setting(s) that list the roots, for the error's fix
     */
    public static Path resolve(String field, String value, List<Path> roots, String config) {
        if (value == null || value.isBlank()) throw new RefusedPathException(field, "required");
        if (value.length() > MAX_CHARS) {
            throw new RefusedPathException(field, "the path is " + value.length() + " characters long; at most "
                    + MAX_CHARS + " are accepted");
        }
        if (value.indexOf('\0') >= 0) throw new RefusedPathException(field, "the path contains a NUL character");
        if (roots.isEmpty()) {
            throw new RefusedPathException(field, "this service has no data folder configured, so it opens no file a "
                    + "request names: set " + config);
        }
        Path given;
        try {
            given = Path.of(value);
        } catch (InvalidPathException e) {
            throw new RefusedPathException(field, "not a valid path (" + e.getReason() + ")");
        }
        Path absolute = (given.isAbsolute() ? given : roots.get(0).toAbsolutePath().resolve(given)).normalize();
        Path real = real(absolute);
        if (real == null) throw new RefusedPathException(field, value + " passes through a broken symbolic link");
        for (Path root : roots) {
            Path r = real(root.toAbsolutePath().normalize());
            if (r != null && real.startsWith(r)) return real;
        }
        throw new RefusedPathException(field, value + " is outside the allowed folders " + roots + ": put it under "
                + "one of them or add its folder to " + config);
    }

    /**
     * The path with its longest existing prefix resolved through symlinks, the rest appended as given; null when that
     * prefix is a broken link (where it points cannot be checked).
     */
    static Path real(Path absolute) {
        Path existing = absolute;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) return absolute;
        Path out;
        try {
            out = existing.toRealPath();
        } catch (IOException e) {
            return null;
        }
        for (Path p : rest) out = out.resolve(p.toString());
        return out;
    }
}
