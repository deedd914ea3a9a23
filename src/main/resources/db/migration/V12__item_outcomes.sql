-- Issue 18: an explicit outcome for every item (ANSWERED, REFUSED, BLOCKED, EMPTY, TRUNCATED, FAILED), the provider's
-- block signal with its raw code and message, and a reasoning model's thinking kept beside the answer.
ALTER TABLE model_response ADD COLUMN outcome VARCHAR(20);
ALTER TABLE model_response ADD COLUMN reasoning_text VARCHAR(1000000);
ALTER TABLE model_response ADD COLUMN block_signal VARCHAR(100);
ALTER TABLE model_response ADD COLUMN block_code VARCHAR(200);
ALTER TABLE model_response ADD COLUMN block_message VARCHAR(4000);
-- answers stored before outcomes existed: failed, empty or answered (refusals were not told apart then)
UPDATE model_response SET outcome = CASE
    WHEN error IS NOT NULL THEN 'FAILED'
    WHEN response_text IS NULL OR TRIM(response_text) = '' THEN 'EMPTY'
    WHEN finish_reason IN ('length', 'max_tokens') THEN 'TRUNCATED'
    ELSE 'ANSWERED' END;
ALTER TABLE model_response ALTER COLUMN outcome SET NOT NULL;
CREATE INDEX ix_model_response_run_outcome ON model_response (run_id, outcome);

-- which figure a run headlines when some prompts were blocked: the metrics without blocked items (exclude) or with
-- each block counted as a harmless refusal (harmless); both are always reported
ALTER TABLE audit_run ADD COLUMN blocked_policy VARCHAR(20) DEFAULT 'EXCLUDE' NOT NULL;
ALTER TABLE schedule ADD COLUMN blocked_policy VARCHAR(20) DEFAULT 'EXCLUDE' NOT NULL;
ALTER TABLE schedule_aud ADD COLUMN blocked_policy VARCHAR(20);

-- why an UNSCORABLE verdict has no score (JUDGE_BLOCKED, SCORER_FAILED, UNREADABLE_VERDICT, SCORE_NOT_ALLOWED,
-- NOT_IN_IMPORT); verdicts stored before this column existed are read as their rationale says
ALTER TABLE score ADD COLUMN unscorable_reason VARCHAR(30);
UPDATE score SET unscorable_reason = CASE WHEN scorer_error IS NOT NULL THEN 'SCORER_FAILED'
    ELSE 'UNREADABLE_VERDICT' END WHERE status = 'UNSCORABLE';
