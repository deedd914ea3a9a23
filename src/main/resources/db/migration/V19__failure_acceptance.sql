-- Issue 20: an auditor's acceptance of a run's failed prompts, kept for good in the audit log (append-only,
-- org.flamesaudit.run.FailureAcceptance). The run's own failures_accepted_* columns describe only its current
-- completion: a restart clears them, never this row.
CREATE SEQUENCE failure_acceptance_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE failure_acceptance (
    id              BIGINT        NOT NULL PRIMARY KEY,
    run_id          BIGINT        NOT NULL REFERENCES audit_run (id),
    accepted_by     VARCHAR(200)  NOT NULL,
    accepted_at     TIMESTAMP     NOT NULL,
    justification   VARCHAR(4000) NOT NULL,
    withheld_reason VARCHAR(4000) NOT NULL
);
CREATE INDEX ix_failure_acceptance_run ON failure_acceptance (run_id, id);
CREATE INDEX ix_failure_acceptance_at ON failure_acceptance (accepted_at);
