-- Issue 23: an imported bundle of an embedded-scorer run has its answers scored again here (bundle.BundleRescoring);
-- how many verdicts were reproduced, or why none could be (another scorer, other heads or model version).
ALTER TABLE imported_bundle ADD COLUMN rescored INTEGER;
ALTER TABLE imported_bundle ADD COLUMN rescore_note VARCHAR(1000);
