-- Issue 23: the tamper-evident audit log. Every audit-log row (score reviews, Envers revisions of schedules,
-- accounts and keys, login events, failure acceptances, actions) gets one entry of a hash chain: the SHA-256 of its
-- content (auditchain.ChainContent) and of the previous entry. seq is gap-free and ordered by the one head row,
-- which every writer locks (SELECT ... FOR UPDATE), so nodes sharing the database append one after the other.
CREATE TABLE audit_chain (
    seq            BIGINT        NOT NULL PRIMARY KEY,
    source         VARCHAR(20)   NOT NULL,
    source_id      BIGINT        NOT NULL,
    content_hash   CHAR(64)      NOT NULL,
    previous_hash  CHAR(64)      NOT NULL,
    entry_hash     CHAR(64)      NOT NULL,
    chained_at     TIMESTAMP     NOT NULL,
    node_name      VARCHAR(200),
    CONSTRAINT uq_audit_chain_source UNIQUE (source, source_id)
);

-- the chain's last entry (seq 0 and 64 zeros while it is empty): the row writers lock, and the anchor reports print
CREATE TABLE audit_chain_head (
    id          INTEGER       NOT NULL PRIMARY KEY,
    seq         BIGINT        NOT NULL,
    entry_hash  CHAR(64)      NOT NULL,
    updated_at  TIMESTAMP,
    CONSTRAINT ck_audit_chain_head_one CHECK (id = 1)
);
INSERT INTO audit_chain_head (id, seq, entry_hash, updated_at)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', NULL);

-- a report's rendering records the chain head it printed (its anchor)
ALTER TABLE report ADD COLUMN chain_seq BIGINT;
ALTER TABLE report ADD COLUMN chain_hash CHAR(64);
