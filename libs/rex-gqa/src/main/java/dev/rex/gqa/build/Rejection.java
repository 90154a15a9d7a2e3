package dev.rex.gqa.build;

/** A question that got no explanation: where, why (a {@link RejectionCode}) and a detail naming step and object. */
public record Rejection(String qid, Stage stage, RejectionCode code, String detail) {
}
