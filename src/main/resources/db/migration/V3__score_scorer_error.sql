-- Why a score is UNSCORABLE because the scorer failed (e.g. the judge API was down after all retries), as opposed
-- to a verdict that could not be read. Such scores are removed and redone when the run is restarted.
ALTER TABLE score ADD COLUMN scorer_error VARCHAR(4000);
