package org.flamesaudit.scoring;

/**
 * What a report says about the scorer behind its numbers: what it is, whether it is the official Flames scorer,
 * and its measured agreement with human labels where that has been measured (otherwise says so).
 */
public record ScorerCard(String key, String name, boolean official, String description, String agreement,
                         jakarta.json.JsonObject figures) {

    public ScorerCard(String key, String name, boolean official, String description, String agreement) {
        this(key, name, official, description, agreement, null);
    }

    /** The same card with what a run's own reviews measured added to its agreement. */
    public ScorerCard withAgreementOnThisRun(String measured) {
        return new ScorerCard(key, name, official, description, agreement + " " + measured, figures);
    }
}
