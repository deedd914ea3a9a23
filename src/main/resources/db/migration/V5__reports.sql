-- Issue 4: rendered reports and when a run's metrics were aggregated (shown on every report).
ALTER TABLE audit_run ADD COLUMN metrics_at TIMESTAMP;

CREATE SEQUENCE report_seq START WITH 1 INCREMENT BY 1;

-- Every rendering of a run's report is kept with its SHA-256, so a report handed to a regulator can be matched
-- byte for byte later. The content lives in the database, so every node of a cluster serves the same file.
CREATE TABLE report (
    id            BIGINT       NOT NULL PRIMARY KEY,
    run_id        BIGINT       NOT NULL REFERENCES audit_run (id),
    report_format VARCHAR(8)   NOT NULL,
    report_id     VARCHAR(100) NOT NULL,
    sha256        VARCHAR(64)  NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    render_ms     BIGINT       NOT NULL,
    content       BYTEA        NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    node_name     VARCHAR(200)
);
CREATE INDEX report_run_format_idx ON report (run_id, report_format, id);
