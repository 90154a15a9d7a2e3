package dev.rex.evaluation.run;

import dev.rex.events.ExplanationEvent;
import dev.rex.events.PredictionEvent;

/** A stored prediction of the evaluated (model version, split) with its reference record (null when none arrived). */
public record ScoredPrediction(PredictionEvent prediction, ExplanationEvent reference) {
}
