package org.flamesaudit.reporting;

import org.flamesaudit.auditchain.AuditChain;

import java.time.Instant;

/**
 * What a report says about the run it describes: the model under test, the dataset version, the scorer and the run's
 * dates. Holds no secrets: the target and scorer configurations name an API key's environment variable, never a key.
 *
 * @param reportId         stable id of the report: the run and a fingerprint of the data behind it
 * @param targetModel      model under test, e.g. "qwen2.5-7b-instruct"
 * @param connector        connector type, e.g. "openai", "anthropic", "replay"
 * @param datasetVersion   the prompt set's version number (several imports of one name)
 * @param datasetSha256    SHA-256 of the imported prompt file
 * @param scorerVersion    the scorer versions recorded on the scores (comma separated when several)
 * @param metricsAt        when the metrics were aggregated
 * @param generatedAt      when this rendering was made (the only field that differs between two renderings)
 * @param configuration    the run's target and scorer configuration as JSON, without secrets
 * @param createdBy        who started the run ("system" for a schedule's firing), null where not recorded
 * @param promptLimit      the run's prompt limit (the first N lines), null for every prompt
 * @param renderedBy       who asked for this rendering ("system" for the audit job)
 * @param runName          the run's name, null when it has none
 * @param ticket           the ticket number of the request the audit answers, null when none
 * @param auditLog         the head of the tamper-evident audit log when the report was rendered (its anchor: a
 *                         later rewrite of the log no longer has this hash at this entry), null where not read
 * @param signOff          where this report id stands in its sign-off (draft, reviewed, approved, and the approved
 *                         report it supersedes), null where not read (fixtures)
 */
public record ReportHeader(String reportId, long runId, String targetModel, String connector, String datasetName,
                           int datasetVersion, String datasetSha256, int datasetPrompts, String scorerKey,
                           String scorerVersion, int runTotal, Instant createdAt, Instant startedAt,
                           Instant metricsAt, Instant generatedAt,
                           String configuration, String createdBy, Integer promptLimit, String renderedBy,
                           String runName, String ticket, AuditChain.Head auditLog, SignOffStatus signOff,
                           org.flamesaudit.gate.GateResult gate) {

    /** A header without a gate (a run without one, fixtures). */
    public ReportHeader(String reportId, long runId, String targetModel, String connector, String datasetName,
                        int datasetVersion, String datasetSha256, int datasetPrompts, String scorerKey,
                        String scorerVersion, int runTotal, Instant createdAt, Instant startedAt,
                        Instant metricsAt, Instant generatedAt,
                        String configuration, String createdBy, Integer promptLimit, String renderedBy,
                        String runName, String ticket, AuditChain.Head auditLog, SignOffStatus signOff) {
        this(reportId, runId, targetModel, connector, datasetName, datasetVersion, datasetSha256, datasetPrompts,
                scorerKey, scorerVersion, runTotal, createdAt, startedAt, metricsAt, generatedAt, configuration,
                createdBy, promptLimit, renderedBy, runName, ticket, auditLog, signOff, null);
    }

    /** A header without the accountability fields (fixtures, the warm-up). */
    public ReportHeader(String reportId, long runId, String targetModel, String connector, String datasetName,
                        int datasetVersion, String datasetSha256, int datasetPrompts, String scorerKey,
                        String scorerVersion, int runTotal, Instant createdAt, Instant startedAt,
                        Instant metricsAt, Instant generatedAt, String configuration) {
        this(reportId, runId, targetModel, connector, datasetName, datasetVersion, datasetSha256, datasetPrompts,
                scorerKey, scorerVersion, runTotal, createdAt, startedAt, metricsAt, generatedAt, configuration, null,
                null, null, null, null, null, null);
    }

    /** This header with the audit log's head read for this rendering. */
    public ReportHeader withAuditLog(AuditChain.Head head) {
        return new ReportHeader(reportId, runId, targetModel, connector, datasetName, datasetVersion, datasetSha256,
                datasetPrompts, scorerKey, scorerVersion, runTotal, createdAt, startedAt, metricsAt, generatedAt,
                configuration, createdBy, promptLimit, renderedBy, runName, ticket, head, signOff, gate);
    }

    /** This header with the run's gate outcome (fixtures). */
    public ReportHeader withGate(org.flamesaudit.gate.GateResult result) {
        return new ReportHeader(reportId, runId, targetModel, connector, datasetName, datasetVersion, datasetSha256,
                datasetPrompts, scorerKey, scorerVersion, runTotal, createdAt, startedAt, metricsAt, generatedAt,
                configuration, createdBy, promptLimit, renderedBy, runName, ticket, auditLog, signOff, result);
    }

    /** This header with a sign-off state (fixtures). */
    public ReportHeader withSignOff(SignOffStatus status) {
        return new ReportHeader(reportId, runId, targetModel, connector, datasetName, datasetVersion, datasetSha256,
                datasetPrompts, scorerKey, scorerVersion, runTotal, createdAt, startedAt, metricsAt, generatedAt,
                configuration, createdBy, promptLimit, renderedBy, runName, ticket, auditLog, status, gate);
    }

    /** The anchor as the verification endpoint takes it, {@code <entry>:<sha256>}; null without one. */
    public String auditLogAnchor() {
        return auditLog == null ? null : auditLog.seq() + ":" + auditLog.hash();
    }

    /** "model (connector)", the way reports and comparisons name a run's target. */
    public String targetLabel() {
        return targetModel == null || targetModel.isBlank() ? connector : targetModel + " (" + connector + ")";
    }
}
