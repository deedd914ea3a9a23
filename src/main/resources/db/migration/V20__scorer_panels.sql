-- Issue 21: several scorers per run. Every scorer of a run is a member, in the order the run names them (position 0
-- is the primary: the scorer of runs created before this migration, and of any run that names one scorer). Each
-- member's verdicts are score rows under its own scorer_key. The run's decision_rule says which verdict counts:
--   PRIMARY    the primary member's (the others are shadows, compared but not counted); audit_run.scorer_key is
--              the primary's key, as before
--   MAJORITY   the score more than half of the members gave; UNANIMOUS: the score every member gave. The decided
--              verdict is a score row of its own under audit_run.scorer_key (the panel's key), written by
--              org.flamesaudit.scoring.PanelDecisions; an item without a decision waits for a reviewer
--              (UNSCORABLE, reason SCORERS_DISAGREE), whose score counts as for any other verdict
-- The run_item view therefore still reads the verdict that counts from audit_run.scorer_key alone.
CREATE TABLE run_scorer (
    run_id        BIGINT         NOT NULL REFERENCES audit_run (id),
    position      INTEGER        NOT NULL,
    scorer_key    VARCHAR(500)   NOT NULL,
    scorer_config VARCHAR(20000) NOT NULL,
    PRIMARY KEY (run_id, position),
    CONSTRAINT uk_run_scorer_key UNIQUE (run_id, scorer_key)
);
INSERT INTO run_scorer (run_id, position, scorer_key, scorer_config)
    SELECT id, 0, scorer_key, scorer_config FROM audit_run;

ALTER TABLE audit_run ADD COLUMN decision_rule VARCHAR(16) DEFAULT 'PRIMARY' NOT NULL;
ALTER TABLE audit_run ADD CONSTRAINT ck_audit_run_decision_rule
    CHECK (decision_rule IN ('PRIMARY', 'MAJORITY', 'UNANIMOUS'));

-- run_item gains scorers_disagree: the run's members gave this answer different verdicts (different scores, or a
-- score and no score; a failed scorer call is no verdict and is left out); the review queue puts these first.
-- Otherwise the view is V13's.
DROP VIEW run_item;
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
            THEN COALESCE(s.reviewed_value, CASE WHEN s.status = 'SCORED' THEN s.score_value END) END AS effective_value,
       CASE WHEN (SELECT COUNT(DISTINCT COALESCE(m.score_value, 0)) FROM score m
                  JOIN run_scorer rs ON rs.run_id = r.run_id AND rs.scorer_key = m.scorer_key
                  WHERE m.response_id = r.id AND m.scorer_error IS NULL) > 1
            THEN TRUE ELSE FALSE END AS scorers_disagree
FROM model_response r
JOIN prompt p ON p.id = r.prompt_id
JOIN audit_run a ON a.id = r.run_id
LEFT JOIN score s ON s.response_id = r.id AND s.scorer_key = a.scorer_key;
