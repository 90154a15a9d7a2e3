package dev.rex.service;

import dev.rex.testing.PostgresEndpoint;
import dev.rex.testing.SharedInfra;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MultiRowUpsertTest {
    record Item(String key, String json, int count) {
    }

    private static final MultiRowUpsert<Item> UPSERT = new MultiRowUpsert<>(
            "INSERT INTO items (key, doc, count) VALUES ", "(?, ?::json, ?)",
            " ON CONFLICT (key) DO UPDATE SET doc = EXCLUDED.doc, count = items.count + EXCLUDED.count",
            i -> new Object[]{i.key(), i.json(), i.count()});

    private static List<Item> items(int n, String doc) {
        return IntStream.range(0, n).mapToObj(i -> new Item("k" + i, doc, 1)).toList();
    }

    @Test
    void writesEveryRowOfAnyCountAndAddsOnConflict() throws Exception {
        PostgresEndpoint db = SharedInfra.postgres("rex_multi_row_upsert");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS items");
            st.execute("CREATE TABLE items (key TEXT PRIMARY KEY, doc JSON NOT NULL, count INT NOT NULL)");
            UPSERT.run(c, List.of());
            UPSERT.run(c, items(1, "{\"a\":1}"));
            UPSERT.run(c, items(341, "{\"a\":2}")); // 256 + 64 + 16 + 4 + 1: every size once
            try (ResultSet rs = st.executeQuery("SELECT count(*), sum(count), min(doc::text), max(doc::text), "
                    + "max(count) FROM items")) {
                rs.next();
                assertEquals(341, rs.getInt(1));
                assertEquals(342, rs.getInt(2)); // k0 twice
                assertEquals("{\"a\":2}", rs.getString(3));
                assertEquals("{\"a\":2}", rs.getString(4));
                assertEquals(2, rs.getInt(5));
            }
        }
    }
}
