-- Issue 24. A prompt line may name the Annex A risk of TC260-003 / GB/T 45654 it tests ('A.2.e') and the question bank
-- it belongs to ('generated-content', 'should-refuse', 'non-refusal'); Flames lines name neither.
ALTER TABLE prompt ADD COLUMN risk_code VARCHAR(8);
ALTER TABLE prompt ADD COLUMN bank_kind VARCHAR(24);
