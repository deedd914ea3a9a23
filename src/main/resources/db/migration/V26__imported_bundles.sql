-- Issue 23: reproduction bundles imported from another Flames Audit (or this one). Read-only by construction: the
-- bundle as received, what its manifest and signature said, and the metrics recomputed here from its items, which
-- matched the bundle's own (a bundle whose figures do not follow from its items is refused, never stored).
CREATE TABLE imported_bundle (
    id                  BIGINT         NOT NULL PRIMARY KEY,
    imported_at         TIMESTAMP      NOT NULL,
    imported_by         VARCHAR(200)   NOT NULL,
    source_run_id       BIGINT         NOT NULL,
    report_id           VARCHAR(100)   NOT NULL,
    manifest_sha256     VARCHAR(64)    NOT NULL,
    bundle_sha256       VARCHAR(64)    NOT NULL,
    signer              VARCHAR(1000),
    signer_sha256       VARCHAR(64),
    items               INTEGER        NOT NULL,
    dataset_name        VARCHAR(200),
    dataset_sha256      VARCHAR(64),
    scorer              VARCHAR(1000),
    metrics_json        VARCHAR(1000000) NOT NULL,
    content             BYTEA          NOT NULL
);
CREATE SEQUENCE imported_bundle_seq START WITH 1 INCREMENT BY 1;
