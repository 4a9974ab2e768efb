-- Whom a person reports to: approvals ask "the requester's manager" and escalate an approval
-- nobody decided to the approver's manager. A username, not a foreign key, so people can be
-- seeded in any order (as assignment_group.manager).
ALTER TABLE person ADD COLUMN manager VARCHAR(64) CHECK (manager ~ '^[a-z0-9._-]{1,64}$');
