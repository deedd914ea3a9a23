-- Issue 20, item 10: what an import does with a prompt whose text repeats an earlier line of the same file: KEEP it
-- (the default; reported as duplicatePrompts) or DROP it (the line is rejected, naming the line it repeats).
ALTER TABLE prompt_set ADD COLUMN repeated_prompts VARCHAR(10) DEFAULT 'KEEP' NOT NULL;
