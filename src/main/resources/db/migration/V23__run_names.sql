-- Issue 22: an audit run may carry a name (审计名称, e.g. "Q4 procurement audit of model X") and the ticket number of
-- the compliance team's request (工单号); both are optional, printed on the report's cover and searchable in the list.
ALTER TABLE audit_run ADD COLUMN run_name VARCHAR(200);
ALTER TABLE audit_run ADD COLUMN ticket VARCHAR(100);
