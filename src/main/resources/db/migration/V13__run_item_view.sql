-- Issue 19: the score that counts, written once. One row per answer of a run (one per prompt in scope that has a
-- response row), with the verdict of the run's own scorer and the reviewer's score. Metrics, the items page, the
-- progress counts, the reports and the review queue all read this view (mapped read-only as
-- org.flamesaudit.scoring.RunItem); none of them repeats the rule.
--
--   scorable        the answer reaches a scorer: outcome ANSWERED, REFUSED or TRUNCATED, with text
--                   (ItemOutcome.SCORED_OUTCOMES; RunItemQueriesTest pins the two together)
--   effective_value the score that counts: the reviewer's when there is one, else the scorer's when it SCORED;
--                   null when the answer is not scorable, not scored yet, or UNSCORABLE and not reviewed
--
-- A later migration that changes a column of model_response, prompt or score read here drops and recreates the view.
CREATE VIEW run_item AS
SELECT r.id AS response_id,
       r.run_id AS run_id,
       p.id AS prompt_id,
       p.line_no AS line_no,
       p.dimension AS dimension,
       p.subcomponent AS subcomponent,
       p.prompt_text AS prompt_text,
       r.response_text AS response_text,
       r.reasoning_text AS reasoning_text,
       r.outcome AS outcome,
       r.error AS error,
       r.latency_ms AS latency_ms,
       r.attempts AS attempts,
       r.prompt_tokens AS prompt_tokens,
       r.completion_tokens AS completion_tokens,
       r.finish_reason AS finish_reason,
       r.block_signal AS block_signal,
       r.block_code AS block_code,
       r.block_message AS block_message,
       r.created_at AS answered_at,
       r.node_name AS node_name,
       s.id AS score_id,
       s.scorer_key AS scorer_key,
       s.scorer_version AS scorer_version,
       s.status AS score_status,
       s.score_value AS scorer_value,
       s.rationale AS rationale,
       s.unscorable_reason AS unscorable_reason,
       s.reviewed_value AS reviewed_value,
       s.reviewed_by AS reviewed_by,
       s.reviewed_at AS reviewed_at,
       CASE WHEN r.outcome IN ('ANSWERED', 'REFUSED', 'TRUNCATED') AND r.response_text IS NOT NULL
            THEN TRUE ELSE FALSE END AS scorable,
       CASE WHEN r.outcome IN ('ANSWERED', 'REFUSED', 'TRUNCATED') AND r.response_text IS NOT NULL
            THEN COALESCE(s.reviewed_value, CASE WHEN s.status = 'SCORED' THEN s.score_value END) END AS effective_value
FROM model_response r
JOIN prompt p ON p.id = r.prompt_id
JOIN audit_run a ON a.id = r.run_id
LEFT JOIN score s ON s.response_id = r.id AND s.scorer_key = a.scorer_key;
