package dev.rex.gqa.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuestionFilesTest {
    @Test
    void balancedAndUnbalancedLayouts(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("val_balanced_questions.json"), "{}");
        assertEquals(List.of(dir.resolve("val_balanced_questions.json")), QuestionFiles.questions(dir, "val", false));
        Path parts = Files.createDirectories(dir.resolve("train_all_questions"));
        for (int i : new int[]{10, 2, 0, 1}) Files.writeString(parts.resolve("train_all_questions_" + i + ".json"), "{}");
        Files.writeString(parts.resolve("notes.txt"), "");
        List<Path> files = QuestionFiles.questions(dir, "train", true);
        assertEquals(List.of("train_all_questions_0.json", "train_all_questions_1.json", "train_all_questions_2.json",
                "train_all_questions_10.json"), files.stream().map(p -> p.getFileName().toString()).toList());
        Files.writeString(dir.resolve("val_all_questions.json"), "{}");
        assertEquals(List.of(dir.resolve("val_all_questions.json")), QuestionFiles.questions(dir, "val", true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuestionFiles.questions(dir, "testdev", true));
        assertTrue(e.getMessage().contains("testdev_all_questions"), e.getMessage());
    }
}
