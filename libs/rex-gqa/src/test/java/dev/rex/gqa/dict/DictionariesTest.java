package dev.rex.gqa.dict;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DictionariesTest {
    @Test
    void layoutOfTheOriginal() {
        Dictionaries d = new Dictionaries();
        d.add("#3 is red, while @2 is 1.5?", "two");
        d.add("#0 is grey", "a man");
        d.add("", "yes");
        assertEquals(1, d.exp2idx().get("#0"));
        assertEquals(36, d.exp2idx().get("#35"));
        assertEquals(37, d.exp2idx().get("@1"));
        assertEquals(52, d.exp2idx().get("@16"));
        assertEquals(List.of("is", "red", "while", "15", "grey"),
                d.exp2idx().keySet().stream().skip(52).toList()); // '.' removed, ',' a space, '?' removed
        assertEquals(53, d.exp2idx().get("is"));
        assertNull(d.exp2idx().get("<eos>"));
        assertEquals(List.of("2", "man", "yes"), List.copyOf(d.ans2idx().keySet()));
        assertEquals(0, d.ans2idx().get("2"));
    }

    @Test
    void structureMappingIsOneHotOnRegionTokens() {
        Dictionaries d = new Dictionaries();
        d.add("#1 is red", "yes");
        float[] m = Dictionaries.structureMapping(d.exp2idx());
        int rows = d.exp2idx().size() + 1;
        assertEquals(rows * 36, m.length);
        double sum = 0;
        for (float v : m) sum += v;
        assertEquals(36, sum);
        assertEquals(1f, m[d.exp2idx().get("#1") * 36 + 1]);
        assertEquals(0f, m[d.exp2idx().get("is") * 36 + 1]);
    }
}
