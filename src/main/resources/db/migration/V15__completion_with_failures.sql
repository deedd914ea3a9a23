-- Issue 20: a run whose share of FAILED prompts exceeds the threshold does not claim completion. The aggregate
-- step records why (withheld_reason); the run ends COMPLETED_WITH_FAILURES (or FAILED when nothing was answered)
-- and issues no formal report until its failures are retried or an auditor accepts them, recorded here.
ALTER TABLE audit_run ADD COLUMN withheld_reason VARCHAR(4000);
ALTER TABLE audit_run ADD COLUMN failures_accepted_by VARCHAR(200);
ALTER TABLE audit_run ADD COLUMN failures_accepted_at TIMESTAMP;
ALTER TABLE audit_run ADD COLUMN failures_accepted_why VARCHAR(4000);
-- the longest run status is now COMPLETED_WITH_FAILURES (23 characters)
ALTER TABLE audit_run ALTER COLUMN status SET DATA TYPE VARCHAR(30);
