package dev.rex.explanation.persistence;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One question's stored GQA-REX record, as the REST API returns it. {@code semantics} is the stored JSON. */
public record StoredRecord(String qid, String imageId, String split, String status, String answer,
                           @JsonRawValue String semantics, String raw, String processed, String grounded,
                           String converted, String dropReason, String rejectionStage, String rejectionCode,
                           String rejectionDetail, long deliveries, long seq) {
    static StoredRecord of(ResultSet rs) throws SQLException {
        return new StoredRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getLong(15),
                rs.getLong(16));
    }
}
