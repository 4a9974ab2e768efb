-- CAB votes (issue 19): an approver may abstain, with a comment saying why, as with a rejection.
ALTER TABLE approval_step DROP CONSTRAINT approval_step_action_check;
ALTER TABLE approval_step ADD CONSTRAINT approval_step_action_check
  CHECK (action IN ('APPROVED', 'REJECTED', 'ABSTAINED', 'DELEGATED', 'ESCALATED'));
ALTER TABLE approval_step ADD CONSTRAINT approval_step_abstention_comment
  CHECK (action <> 'ABSTAINED' OR length(trim(comment)) > 0);
