-- A run may split its partitions across the nodes sharing this database (org.flamesaudit.cluster); the flag is kept
-- so that a later job execution of the run (continuing failed items) is distributed too. Every answer records the
-- node whose worker asked the model, so a distributed run shows where each of its answers came from.
ALTER TABLE audit_run ADD COLUMN distributed BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE model_response ADD COLUMN node_name VARCHAR(200);
