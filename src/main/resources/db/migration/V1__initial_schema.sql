-- Flames Audit schema, version 1. Portable between H2 2.x and PostgreSQL 13+.
-- Long texts use VARCHAR(1000000): both databases accept it, and no LOB handling is needed.

CREATE SEQUENCE prompt_set_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE prompt_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE rejected_line_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE audit_run_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE model_response_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE score_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE prompt_set (
    id              BIGINT        NOT NULL PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    set_version     INTEGER       NOT NULL,
    sha256          CHAR(64)      NOT NULL,
    source          VARCHAR(2000) NOT NULL,
    staged_file     VARCHAR(2000) NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    prompt_count    INTEGER       NOT NULL DEFAULT 0,
    rejected_count  INTEGER       NOT NULL DEFAULT 0,
    error           VARCHAR(4000),
    created_at      TIMESTAMP     NOT NULL,
    imported_at     TIMESTAMP,
    CONSTRAINT uk_prompt_set_sha256 UNIQUE (sha256),
    CONSTRAINT uk_prompt_set_name_version UNIQUE (name, set_version)
);

CREATE TABLE prompt (
    id              BIGINT        NOT NULL PRIMARY KEY,
    prompt_set_id   BIGINT        NOT NULL REFERENCES prompt_set (id),
    line_no         INTEGER       NOT NULL,
    dimension       VARCHAR(40)   NOT NULL,
    subcomponent    VARCHAR(200),
    prompt_text     VARCHAR(1000000) NOT NULL,
    CONSTRAINT uk_prompt_set_line UNIQUE (prompt_set_id, line_no)
);
CREATE INDEX ix_prompt_set_dimension ON prompt (prompt_set_id, dimension);

CREATE TABLE rejected_line (
    id              BIGINT        NOT NULL PRIMARY KEY,
    prompt_set_id   BIGINT        NOT NULL REFERENCES prompt_set (id),
    line_no         INTEGER       NOT NULL,
    reason          VARCHAR(2000) NOT NULL,
    CONSTRAINT uk_rejected_set_line UNIQUE (prompt_set_id, line_no)
);

CREATE TABLE audit_run (
    id               BIGINT        NOT NULL PRIMARY KEY,
    prompt_set_id    BIGINT        NOT NULL REFERENCES prompt_set (id),
    status           VARCHAR(20)   NOT NULL,
    target_config    VARCHAR(20000) NOT NULL,
    scorer_config    VARCHAR(20000) NOT NULL,
    scorer_key       VARCHAR(500)  NOT NULL,
    concurrency      INTEGER       NOT NULL,
    prompt_limit     INTEGER,
    total            INTEGER       NOT NULL,
    job_execution_id BIGINT,
    created_at       TIMESTAMP     NOT NULL,
    started_at       TIMESTAMP,
    finished_at      TIMESTAMP,
    metrics_json     VARCHAR(1000000),
    error            VARCHAR(4000),
    row_version      BIGINT        NOT NULL DEFAULT 0
);

CREATE TABLE model_response (
    id                BIGINT       NOT NULL PRIMARY KEY,
    run_id            BIGINT       NOT NULL REFERENCES audit_run (id),
    prompt_id         BIGINT       NOT NULL REFERENCES prompt (id),
    response_text     VARCHAR(1000000),
    latency_ms        BIGINT       NOT NULL,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    finish_reason     VARCHAR(100),
    attempts          INTEGER      NOT NULL,
    error             VARCHAR(4000),
    created_at        TIMESTAMP    NOT NULL,
    CONSTRAINT uk_response_run_prompt UNIQUE (run_id, prompt_id)
);

CREATE TABLE score (
    id              BIGINT        NOT NULL PRIMARY KEY,
    response_id     BIGINT        NOT NULL REFERENCES model_response (id),
    scorer_key      VARCHAR(500)  NOT NULL,
    scorer_version  VARCHAR(200)  NOT NULL,
    score_value     INTEGER,
    status          VARCHAR(20)   NOT NULL,
    rationale       VARCHAR(1000000),
    raw_output      VARCHAR(1000000),
    created_at      TIMESTAMP     NOT NULL,
    CONSTRAINT uk_score_response_scorer UNIQUE (response_id, scorer_key),
    CONSTRAINT ck_score_value CHECK (score_value IS NULL OR score_value IN (1, 2, 3)),
    CONSTRAINT ck_score_status CHECK ((status = 'SCORED' AND score_value IS NOT NULL)
                                   OR (status = 'UNSCORABLE' AND score_value IS NULL))
);
