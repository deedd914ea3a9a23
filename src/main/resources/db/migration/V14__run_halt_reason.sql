-- Issue 19: why a distributed run's provider calls were halted, recorded by whichever node's circuit breaker opened
-- (a worker node's breaker is in that node's memory; the node that runs the job reads the reason from here when its
-- own breakers stayed closed). Cleared when the run's job starts again.
ALTER TABLE audit_run ADD COLUMN halt_reason VARCHAR(4000);
