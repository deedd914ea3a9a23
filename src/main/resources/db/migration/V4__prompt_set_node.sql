-- The node running a prompt set's import, so that a node starting after a crash fails only its own interrupted
-- imports (a set left IMPORTING forever would block re-importing the same file).
ALTER TABLE prompt_set ADD COLUMN node_name VARCHAR(200);
