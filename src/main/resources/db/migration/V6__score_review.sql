-- Issue 5: human review. A reviewer's score replaces the scorer's in the metrics; the scorer's verdict stays in
-- score_value/status untouched, and every review is kept, append-only, in score_review (who, when, the score before
-- and after, and the mandatory justification).
ALTER TABLE score ADD COLUMN reviewed_value INTEGER;
ALTER TABLE score ADD COLUMN reviewed_by VARCHAR(200);
ALTER TABLE score ADD COLUMN reviewed_at TIMESTAMP;
ALTER TABLE score ADD CONSTRAINT ck_score_reviewed_value CHECK (reviewed_value IS NULL OR reviewed_value IN (1, 2, 3));

CREATE SEQUENCE score_review_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE score_review (
    id              BIGINT        NOT NULL PRIMARY KEY,
    score_id        BIGINT        NOT NULL REFERENCES score (id),
    run_id          BIGINT        NOT NULL REFERENCES audit_run (id),
    prompt_id       BIGINT        NOT NULL REFERENCES prompt (id),
    machine_value   INTEGER,
    machine_status  VARCHAR(20)   NOT NULL,
    previous_value  INTEGER,
    new_value       INTEGER       NOT NULL,
    justification   VARCHAR(4000) NOT NULL,
    reviewer        VARCHAR(200)  NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    CONSTRAINT ck_review_new_value CHECK (new_value IN (1, 2, 3))
);
CREATE INDEX ix_score_review_run ON score_review (run_id, id);
CREATE INDEX ix_score_review_score ON score_review (score_id, id);
