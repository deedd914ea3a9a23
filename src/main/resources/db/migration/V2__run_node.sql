-- The WildFly node (jboss.node.name) whose JBeret executes a run, so that a node starting up after a crash marks
-- only its own interrupted runs as FAILED, never the runs other nodes sharing the database are executing.
ALTER TABLE audit_run ADD COLUMN node_name VARCHAR(200);
