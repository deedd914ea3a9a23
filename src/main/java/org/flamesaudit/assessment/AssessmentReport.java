package org.flamesaudit.assessment;

import java.time.Instant;
import java.util.List;

/**
 * An assessment as it is reported: the runs it read, the target they audited, when and by whom it was computed, and
 * the figures.
 *
 * @param id          "TC260-" and the first 16 hex digits of the SHA-256 of the runs, their scores' fingerprint and
 *                    the criteria ({@link AssessmentService}); the same data gives the same id
 * @param target      the target's label ({@code connector:model})
 * @param runs        the runs, by id (the first asking of a repeated question is in the lowest)
 * @param assessedAt  when it was computed
 * @param assessedBy  who asked
 * @param assessment  the figures
 */
public record AssessmentReport(String id, String target, List<Run> runs, Instant assessedAt, String assessedBy,
                               Tc260Assessment assessment) {

    /**
     * One run of the assessment: its prompt set ({@code dataset} name, version and SHA-256), its blocked-prompt policy
     * and how many of its items went into each bank.
     */
    public record Run(long id, String dataset, int datasetVersion, String datasetSha256, String blockedPolicy,
                      Instant metricsAt, java.util.Map<org.flamesaudit.dataset.BankKind, Long> questions) {
    }

    /** Whether any item's risk came from our Flames mapping (the report then prints the mapping and its gaps). */
    public boolean usesFlamesMapping() {
        return assessment.items().stream().anyMatch(i -> i.riskSource() == AssessedItem.RiskSource.FLAMES_MAPPING);
    }
}
