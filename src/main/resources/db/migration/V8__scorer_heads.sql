-- Issue 3: heads for the embedded scorer trained by the scorer-train job, from an imported JSONL of labeled answers
-- or from the scores reviewers set. Each trained set is kept with its card (what it was trained on, cross-validated
-- accuracy and kappa) and its SHA-256; a run names it by id and its scorer key carries the hash.
CREATE SEQUENCE scorer_heads_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE scorer_heads (
    id               BIGINT           NOT NULL PRIMARY KEY,
    name             VARCHAR(200)     NOT NULL,
    source_kind      VARCHAR(20)      NOT NULL,
    source_file      VARCHAR(2000),
    status           VARCHAR(20)      NOT NULL,
    created_by       VARCHAR(200)     NOT NULL,
    created_at       TIMESTAMP        NOT NULL,
    finished_at      TIMESTAMP,
    job_execution_id BIGINT,
    labeled_rows     INTEGER,
    skipped_json     VARCHAR(1000000),
    sha256           VARCHAR(64),
    heads_json       VARCHAR(1000000),
    error            VARCHAR(4000),
    CONSTRAINT ck_scorer_heads_kind CHECK (source_kind IN ('FILE', 'REVIEWS')),
    CONSTRAINT ck_scorer_heads_status CHECK (status IN ('TRAINING', 'READY', 'FAILED'))
);
