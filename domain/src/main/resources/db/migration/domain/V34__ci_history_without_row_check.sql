-- A CI's history keeps no foreign key to the CI. Every entry is written by Cmdb or CmdbImport in
-- the transaction that creates or changes the CI it names, CIs are never deleted (they retire),
-- and the history is append-only, so the key guarded nothing those rules don't; but it checked
-- and locked the CI once per entry, and a fresh import writes about eleven entries per CI: the
-- key's checks were 40 % of importing 50,000 servers (bench/README.md, CMDB import).
ALTER TABLE ci_audit DROP CONSTRAINT ci_audit_ci_id_fkey;
