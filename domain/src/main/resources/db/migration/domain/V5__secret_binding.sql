-- Where each secret may be used (issue 17): the connectors that may use it and the destinations
-- (scheme://host[:port], host exact or *.domain) it may be sent to. Stored in canonical form by
-- SecretStore.
--
-- Secrets stored before this had no binding: any process could send them to any URL by naming
-- them. No binding that keeps that behaviour is safe, and none can be derived from the database,
-- so they start bound to nothing: a connector asking for one fails with a message naming the
-- secret and /admin/secrets, where an admin sets its connectors and destinations (value kept).
ALTER TABLE secret ADD COLUMN connectors TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE secret ADD COLUMN destinations TEXT[] NOT NULL DEFAULT '{}';
