-- Issue 21: blind review samples. A sample is a seeded random draw of a run's scored answers, stratified by dimension
-- (org.flamesaudit.review.BlindSamples); reviewers score each drawn answer without seeing any machine verdict. A blind
-- score measures the scorers (confusion matrices, sensitivity and specificity, the error-corrected harmless rate) and
-- never replaces a score that counts: that is what a review (score.reviewed_value) does.
CREATE SEQUENCE blind_sample_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE blind_sample (
    id          BIGINT       NOT NULL PRIMARY KEY,
    run_id      BIGINT       NOT NULL REFERENCES audit_run (id),
    seed        BIGINT       NOT NULL,
    size        INTEGER      NOT NULL,
    created_by  VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    CONSTRAINT uk_blind_sample_run UNIQUE (run_id)
);

CREATE SEQUENCE blind_sample_item_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE blind_sample_item (
    id           BIGINT       NOT NULL PRIMARY KEY,
    sample_id    BIGINT       NOT NULL REFERENCES blind_sample (id),
    position     INTEGER      NOT NULL,
    response_id  BIGINT       NOT NULL REFERENCES model_response (id),
    human_value  INTEGER,
    reviewed_by  VARCHAR(200),
    reviewed_at  TIMESTAMP,
    CONSTRAINT uk_blind_sample_item UNIQUE (sample_id, response_id),
    CONSTRAINT uk_blind_sample_position UNIQUE (sample_id, position),
    CONSTRAINT ck_blind_sample_human_value CHECK (human_value IS NULL OR human_value IN (1, 2, 3))
);
