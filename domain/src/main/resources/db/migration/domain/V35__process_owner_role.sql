-- Process owners and analysts: the operations console's role (Role.PROCESS_OWNER).
ALTER TABLE person_role DROP CONSTRAINT person_role_role_check;
ALTER TABLE person_role ADD CONSTRAINT person_role_role_check
  CHECK (role IN ('END_USER', 'AGENT', 'MANAGER', 'CAB_MEMBER', 'PROCESS_OWNER', 'ADMIN'));
