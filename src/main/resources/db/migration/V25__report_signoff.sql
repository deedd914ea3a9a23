-- Issue 23: the sign-off of a report (draft -> reviewed -> approved). One row per step, for one report id (the
-- fingerprint of the data behind the report: a review that changes a score makes a new report id, a new draft);
-- never updated or deleted, and chained into the tamper-evident audit log (auditchain.ChainSource.SIGNOFF).
CREATE TABLE report_signoff (
    id          BIGINT        NOT NULL PRIMARY KEY,
    run_id      BIGINT        NOT NULL REFERENCES audit_run (id),
    report_id   VARCHAR(100)  NOT NULL,
    step        VARCHAR(20)   NOT NULL,
    username    VARCHAR(200)  NOT NULL,
    signed_at   TIMESTAMP     NOT NULL,
    comment     VARCHAR(2000),
    node_name   VARCHAR(200),
    CONSTRAINT uq_report_signoff_step UNIQUE (report_id, step),
    CONSTRAINT ck_report_signoff_step CHECK (step IN ('REVIEWED', 'APPROVED'))
);
CREATE INDEX ix_report_signoff_run ON report_signoff (run_id, id);
CREATE INDEX ix_report_signoff_at ON report_signoff (signed_at);
CREATE SEQUENCE report_signoff_seq START WITH 1 INCREMENT BY 1;

-- why a rendering was made (reporting.RenderReason): audit-job, requested, first-download, scores-changed,
-- blind-scored, signed-off; null for renderings before V25
ALTER TABLE report ADD COLUMN render_reason VARCHAR(30);
