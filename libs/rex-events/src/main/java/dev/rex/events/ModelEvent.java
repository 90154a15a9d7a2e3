package dev.rex.events;

import java.util.Map;

/**
 * {@code rex.models}, keyed by model name: a checkpoint is ready.
 *
 * @param location   where the checkpoint lives (a path under the shared models volume, or a URI)
 * @param sha256     hex digest of the checkpoint file, checked by inference before loading it
 * @param config     the network configuration it was trained with (layers, hidden size, vocabulary sizes…)
 * @param valMetrics validation metrics that selected it (e.g. vqaAccuracy, cider)
 * @param createdAt  ISO-8601 instant
 */
public record ModelEvent(String id, String correlationId, int schemaVersion,
                         String modelName, String version, String runId, String location, String sha256,
                         Map<String, Object> config, Map<String, Double> valMetrics, String createdAt) implements RexEvent {
    public ModelEvent {
        Require.envelope(id, correlationId, schemaVersion);
        Require.text(modelName, "modelName");
        Require.text(version, "version");
        Require.text(location, "location");
        Require.text(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, was '" + sha256 + "'");
        }
        config = Require.map(config);
        valMetrics = Require.map(valMetrics);
    }

    @Override
    public String key() {
        return modelName;
    }
}
