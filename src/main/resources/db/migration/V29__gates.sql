-- Issue 25. A run's regression gate (gate.GateSpec as JSON), its outcome (gate.GateResult as JSON) and verdict
-- (PASS, FAIL, INCONCLUSIVE), evaluated when the run's metrics are aggregated; a schedule's gate, copied to each run
-- it fires (its baseline: the schedule's previous completed run on the same dataset version and scorer).
ALTER TABLE audit_run ADD COLUMN gate_config VARCHAR(4000);
ALTER TABLE audit_run ADD COLUMN gate_result VARCHAR(100000);
ALTER TABLE audit_run ADD COLUMN gate_verdict VARCHAR(16);
ALTER TABLE schedule ADD COLUMN gate_config VARCHAR(4000);
ALTER TABLE schedule_aud ADD COLUMN gate_config VARCHAR(4000);
-- ... and its alerts (alert.AlertSpec as JSON): a signed webhook on completion, halt or a failed gate
ALTER TABLE audit_run ADD COLUMN alerts_config VARCHAR(4000);
ALTER TABLE schedule ADD COLUMN alerts_config VARCHAR(4000);
ALTER TABLE schedule_aud ADD COLUMN alerts_config VARCHAR(4000);
