-- Issue 23. An imported bundle of an embedded-scorer run has its answers scored again here (bundle.BundleRescoring);
-- how many verdicts were reproduced, or why none could be (another scorer, other heads or model version).
ALTER TABLE imported_bundle ADD COLUMN rescored INTEGER;
ALTER TABLE imported_bundle ADD COLUMN rescore_note VARCHAR(1000);
-- whether the manifest's signer is this server's report key or one of FLAMES_TRUSTED_BUNDLE_SIGNERS
ALTER TABLE imported_bundle ADD COLUMN signer_trusted BOOLEAN;

-- the audit chain's seals look for rows of the last minutes by their time: score reviews get an index on it
CREATE INDEX ix_score_review_created ON score_review (created_at);
