package dev.rex.gqa.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where GQA keeps the questions and scene graphs of a split. */
public final class QuestionFiles {
    private QuestionFiles() {
    }

    /** The question files of a split, in reading order. */
    public static List<Path> questions(Path dir, String split, boolean all) {
        if (!all) {
            Path f = dir.resolve(split + "_balanced_questions.json");
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("no " + f + ": --questions must be the directory of GQA's "
                        + "{split}_balanced_questions.json files (or pass --splits to choose other splits)");
            }
            return List.of(f);
        }
        Path single = dir.resolve(split + "_all_questions.json");
        if (Files.isRegularFile(single)) return List.of(single);
        Path sub = dir.resolve(split + "_all_questions");
        Pattern part = Pattern.compile(Pattern.quote(split) + "_all_questions_(\\d+)\\.json");
        if (Files.isDirectory(sub)) {
            try (Stream<Path> s = Files.list(sub)) {
                List<Path> parts = new ArrayList<>(s.filter(p -> part.matcher(p.getFileName().toString()).matches())
                        .toList());
                parts.sort(Comparator.comparingLong(p -> {
                    Matcher m = part.matcher(p.getFileName().toString());
                    m.matches();
                    return Long.parseLong(m.group(1));
                }));
                if (!parts.isEmpty()) return parts;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("with --all, --questions must hold " + single + " or "
                + sub.resolve(split + "_all_questions_*.json"));
    }

    public static Path sceneGraphs(Path dir, String split) {
        Path f = dir.resolve(split + "_sceneGraphs.json");
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException("no " + f + ": --scene-graphs must be the directory of GQA's "
                    + "{split}_sceneGraphs.json files");
        }
        return f;
    }
}
