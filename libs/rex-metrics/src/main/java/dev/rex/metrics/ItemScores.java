package dev.rex.metrics;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Per-item scores as an ordered, unmodifiable {@code qid → score} map backed by the scorer's arrays: with
 * 100,000 items and eight metrics, copying into hash maps cost more than BLEU itself. Lookups by qid use an
 * index shared by every metric of the same run.
 */
final class ItemScores extends AbstractMap<String, Double> {

    /** qid → position, built on the first lookup and shared. */
    static final class Index {
        private final String[] qids;
        private volatile Map<String, Integer> positions;

        Index(String[] qids) {
            this.qids = qids;
        }

        int positionOf(Object qid) {
            Map<String, Integer> p = positions;
            if (p == null) {
                synchronized (this) {
                    p = positions;
                    if (p == null) {
                        p = new HashMap<>(qids.length * 2);
                        for (int i = 0; i < qids.length; i++) {
                            p.put(qids[i], i);
                        }
                        positions = p;
                    }
                }
            }
            Integer i = p.get(qid);
            return i == null ? -1 : i;
        }
    }

    private final Index index;
    private final double[] values;

    ItemScores(Index index, double[] values) {
        if (index.qids.length != values.length) {
            throw new IllegalArgumentException("one score per qid expected");
        }
        this.index = index;
        this.values = values.clone();
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Double get(Object qid) {
        int i = index.positionOf(qid);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object qid) {
        return index.positionOf(qid) >= 0;
    }

    @Override
    public Set<Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return values.length;
            }

            @Override
            public Iterator<Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < values.length;
                    }

                    @Override
                    public Entry<String, Double> next() {
                        if (i >= values.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Double> e = new SimpleImmutableEntry<>(index.qids[i], values[i]);
                        i++;
                        return e;
                    }
                };
            }
        };
    }
}
