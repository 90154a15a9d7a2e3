package dev.rex.model.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The VQA-transfer training subsets of {@code create_subset.py}: the train questions grouped by
 * {@code types.detailed}; a type with at most 10 questions is kept whole, any other contributes
 * {@code floor(n·P/100)} questions drawn without replacement. The original draws with numpy's unseeded global
 * generator; ours is deterministic: one {@link Random} seeded by {@code seed}, types visited in order of first
 * appearance, each draw a partial Fisher–Yates shuffle of that type's qids in file order.
 */
public final class TransferSubset {
    /** A type with at most this many questions is kept whole. */
    public static final int KEEP_WHOLE_AT_MOST = 10;

    private final Map<String, List<String>> byType = new LinkedHashMap<>();

    /** Adds one train question (file order matters for determinism). */
    public void add(String qid, String detailedType) {
        byType.computeIfAbsent(detailedType == null ? "" : detailedType, k -> new ArrayList<>()).add(qid);
    }

    public int typeCount() {
        return byType.size();
    }

    /** The selected qids for {@code percentage} in 1..100 (100 selects everything). */
    public Set<String> select(int percentage, long seed) {
        checkPercentage(percentage);
        Random random = new Random(seed);
        Set<String> selected = new HashSet<>();
        for (List<String> qids : byType.values()) {
            if (percentage == 100 || qids.size() <= KEEP_WHOLE_AT_MOST) {
                selected.addAll(qids);
                continue;
            }
            int take = (int) ((long) qids.size() * percentage / 100);
            List<String> pool = new ArrayList<>(qids);
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(pool.size() - i);
                Collections.swap(pool, i, j);
            }
            selected.addAll(pool.subList(0, take));
        }
        return selected;
    }

    public static void checkPercentage(int percentage) {
        if (percentage < 1 || percentage > 100) {
            throw new IllegalArgumentException("percentage: must be between 1 and 100 (the paper uses 1, 5, 10), got "
                    + percentage);
        }
    }
}
