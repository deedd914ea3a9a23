-- Issue 19: the aggregate step records the completion verdict itself (org.flamesaudit.run.Completion.Verdict), so
-- that the job's end maps it to the run's status in one place (RunStatus.ofEndedJob) instead of recomputing it.
ALTER TABLE audit_run ADD COLUMN completion_verdict VARCHAR(30);
UPDATE audit_run SET completion_verdict = 'TOO_MANY_FAILURES' WHERE withheld_reason IS NOT NULL AND status = 'COMPLETED_WITH_FAILURES';
UPDATE audit_run SET completion_verdict = 'NOTHING_ANSWERED' WHERE withheld_reason IS NOT NULL AND status <> 'COMPLETED_WITH_FAILURES';
