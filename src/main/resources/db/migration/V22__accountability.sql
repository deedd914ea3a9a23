-- Issue 22: who did what. A run and a dataset record who created them ('system' for the scheduler and the import
-- inbox); a stored report records who rendered it and in which language. action_log keeps the actions that change no
-- audited entity but must be accounted for: starting, stopping and restarting a run, importing a dataset, rendering
-- and downloading a report (org.flamesaudit.auditlog.ActionLog). Rows from before this migration have no creator.
ALTER TABLE audit_run ADD COLUMN created_by VARCHAR(200);
ALTER TABLE prompt_set ADD COLUMN created_by VARCHAR(200);
ALTER TABLE report ADD COLUMN rendered_by VARCHAR(200);
ALTER TABLE report ADD COLUMN report_language VARCHAR(8);

CREATE SEQUENCE action_log_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE action_log (
    id            BIGINT        NOT NULL PRIMARY KEY,
    at            TIMESTAMP     NOT NULL,
    username      VARCHAR(200)  NOT NULL,
    action        VARCHAR(40)   NOT NULL,
    run_id        BIGINT,
    dataset_id    BIGINT,
    rendering_id  BIGINT,
    detail        VARCHAR(2000),
    node_name     VARCHAR(200)
);
CREATE INDEX ix_action_log_at ON action_log (at);
CREATE INDEX ix_action_log_run ON action_log (run_id);
