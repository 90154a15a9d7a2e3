package dev.rex.explanation.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.gqa.program.ImageState;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-image gender state of each split (table {@code image_states}): only images whose graph a question changed
 * have a row. Read before a batch runs and written in the batch's transaction, so the state on disk always matches
 * the rows stored (a redelivered batch does not apply a question twice: its rows are already there).
 */
@ApplicationScoped
public class ImageStateRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, List<String>>> APPENDED = new TypeReference<>() { };

    /** The saved states of these images of {@code split} (absent: never changed). */
    public Map<String, ImageState> load(Connection c, String split, List<String> imageIds) throws SQLException {
        Map<String, ImageState> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT image_id, appended::text FROM image_states WHERE split = ? AND image_id = ANY(?)")) {
            Array ids = c.createArrayOf("text", imageIds.toArray());
            st.setString(1, split);
            st.setArray(2, ids);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), ImageState.of(read(rs.getString(2))));
            }
        }
        return out;
    }

    /** Saves changed states; a row holding more appends (written by a newer run) is kept. */
    public void save(Connection c, String split, Map<String, ImageState> states) throws SQLException {
        if (states.isEmpty()) return;
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO image_states (split, image_id, appended, appends) VALUES (?, ?, ?::jsonb, ?)
                ON CONFLICT (split, image_id) DO UPDATE SET appended = EXCLUDED.appended, appends = EXCLUDED.appends,
                    updated_at = now()
                WHERE image_states.appends < EXCLUDED.appends""")) {
            for (Map.Entry<String, ImageState> e : states.entrySet()) {
                st.setString(1, split);
                st.setString(2, e.getKey());
                st.setString(3, write(e.getValue().appended()));
                st.setInt(4, e.getValue().appends());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static Map<String, List<String>> read(String json) {
        try {
            return JSON.readValue(json, APPENDED);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable image state " + json + ": " + e.getMessage(), e);
        }
    }

    private static String write(Map<String, List<String>> appended) {
        try {
            return JSON.writeValueAsString(appended);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode image state " + appended, e);
        }
    }
}
