/**
 * The REST API ({@code /api}). Response bodies are records, written by JSON-B (Yasson, through {@link
 * org.flamesaudit.api.ApiJsonb}): one record per body shape, nested in the resource that answers with it, the shared
 * ones in {@link org.flamesaudit.api.Bodies}. The API layer only maps entities and service results onto them.
 * <p>
 * Request bodies stay JSON-P ({@code JsonObject}), read by the services through {@code JsonFields}: every wrong type,
 * missing value and unknown field is a 400 that names the field ({@code "target.apiKeyEnv"}, {@code "enabled"}).
 * Binding them to records would lose that: JSON-B fails a wrong type before any resource code runs, with a
 * JsonbException and no {@code field} in the answer; it cannot tell an absent field from an explicit null; and by
 * default it ignores unknown fields, which JsonFields refuses by name.
 * <p>
 * Two bodies stay JSON-P on purpose: a run's metrics and each scorer of {@code GET /api/scorers} add keys at the top
 * level of an object another package builds (MetricsJson, pinned by golden files; ScorerCards), which a record
 * cannot do without restating that object's fields. The comparison ({@code CompareJson}) is returned as built.
 */
package org.flamesaudit.api;
