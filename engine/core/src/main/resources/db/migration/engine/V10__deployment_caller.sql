-- Who deployed: the name of the authenticated client (a configured user, an OAuth client id or
-- subject, 'flowdesk' for the application's own client) and how it authenticated. Deployments made
-- before this version stay NULL: nobody knows.
ALTER TABLE deployment ADD COLUMN deployed_by TEXT;
ALTER TABLE deployment ADD COLUMN deployed_by_kind TEXT;
