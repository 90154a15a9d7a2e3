package dev.rex.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** How many of a batch build's JSON files another folder (the services' export) reproduces byte for byte. */
record ExportComparison(int identical, int total, List<String> differ) {

    static ExportComparison of(Path batchDir, Path export) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(batchDir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        int same = 0;
        List<String> differ = new ArrayList<>();
        for (Path f : files) {
            Path other = export.resolve(f.getFileName());
            if (Files.isRegularFile(other) && Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(other))) {
                same++;
            } else {
                differ.add(f.getFileName().toString());
            }
        }
        return new ExportComparison(same, files.size(), List.copyOf(differ));
    }

    @Override
    public String toString() {
        return "services' export vs. batch build: " + identical + " of " + total + " files identical"
                + (differ.isEmpty() ? "" : "; differ: " + String.join(" ", differ));
    }
}
