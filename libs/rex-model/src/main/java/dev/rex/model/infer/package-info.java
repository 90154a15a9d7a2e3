/**
 * Answering streamed questions with a trained checkpoint: {@link dev.rex.model.infer.QuestionAnswerer} (one per
 * worker thread) turns (question text, 36 region features, 36 boxes) into an {@link dev.rex.model.infer.Answer}:
 * the answer and its probability, the greedy explanation, its {@code #k} regions with their boxes and the structure
 * gate per decoded step. Encoding and decoding reuse the training's classes, so a question is seen at inference
 * exactly as validation sees it. No Kafka, HTTP or SQL here: the inference service and {@code rex ask} adapt it.
 */
package dev.rex.model.infer;
