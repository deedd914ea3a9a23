-- Issue 5 part 1: scheduled audits, and part 5: the Hibernate Envers trail of every change to a schedule.
-- A schedule is a run request (dataset, target, scorer, concurrency, limit) plus a cron expression in a stated zone.
-- Each slot the scheduler handles leaves exactly one schedule_firing row: the unique (schedule_id, slot_epoch) key is
-- what keeps two nodes, or one node before and after a restart, from starting the same slot twice.
CREATE SEQUENCE schedule_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE schedule_firing_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE revision_info_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE schedule (
    id              BIGINT        NOT NULL PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    cron            VARCHAR(200)  NOT NULL,
    zone_id         VARCHAR(100)  NOT NULL,
    dataset_id      BIGINT        NOT NULL REFERENCES prompt_set (id),
    target_config   VARCHAR(4000) NOT NULL,
    scorer_config   VARCHAR(4000) NOT NULL,
    concurrency     INTEGER       NOT NULL,
    prompt_limit    INTEGER,
    enabled         BOOLEAN       NOT NULL,
    missed_firings  VARCHAR(20)   NOT NULL,
    active_since    TIMESTAMP     NOT NULL,
    deleted         BOOLEAN       NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    created_by      VARCHAR(200)  NOT NULL,
    updated_at      TIMESTAMP     NOT NULL,
    updated_by      VARCHAR(200)  NOT NULL,
    row_version     BIGINT        NOT NULL,
    CONSTRAINT ck_schedule_missed CHECK (missed_firings IN ('RUN_ONCE', 'SKIP'))
);

CREATE TABLE schedule_firing (
    id              BIGINT        NOT NULL PRIMARY KEY,
    schedule_id     BIGINT        NOT NULL REFERENCES schedule (id),
    slot_epoch      BIGINT        NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    missed_slots    INTEGER       NOT NULL,
    run_id          BIGINT        REFERENCES audit_run (id),
    node_name       VARCHAR(200)  NOT NULL,
    handled_at      TIMESTAMP     NOT NULL,
    error           VARCHAR(4000),
    CONSTRAINT uq_schedule_firing_slot UNIQUE (schedule_id, slot_epoch),
    CONSTRAINT ck_schedule_firing_status CHECK (status IN ('CLAIMED', 'FIRED', 'SKIPPED', 'FAILED'))
);

ALTER TABLE audit_run ADD COLUMN schedule_id BIGINT REFERENCES schedule (id);
CREATE INDEX ix_audit_run_schedule ON audit_run (schedule_id, id);

-- Hibernate Envers: one revision per transaction that changed an audited entity, with the user who made it
CREATE TABLE revision_info (
    id              BIGINT        NOT NULL PRIMARY KEY,
    revision_at     BIGINT        NOT NULL,
    username        VARCHAR(200)  NOT NULL
);

CREATE TABLE schedule_aud (
    id              BIGINT        NOT NULL,
    rev             BIGINT        NOT NULL REFERENCES revision_info (id),
    revtype         SMALLINT,
    name            VARCHAR(200),
    cron            VARCHAR(200),
    zone_id         VARCHAR(100),
    dataset_id      BIGINT,
    target_config   VARCHAR(4000),
    scorer_config   VARCHAR(4000),
    concurrency     INTEGER,
    prompt_limit    INTEGER,
    enabled         BOOLEAN,
    missed_firings  VARCHAR(20),
    active_since    TIMESTAMP,
    deleted         BOOLEAN,
    created_at      TIMESTAMP,
    created_by      VARCHAR(200),
    updated_at      TIMESTAMP,
    updated_by      VARCHAR(200),
    PRIMARY KEY (id, rev)
);
CREATE INDEX ix_revision_info_at ON revision_info (revision_at);
