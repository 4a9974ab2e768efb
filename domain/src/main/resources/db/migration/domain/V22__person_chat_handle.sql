-- A person's chat handle (Slack member id or Teams user principal name): personal chat notices
-- mention it in the configured notifications channel. Null: chat reaches them nowhere.
ALTER TABLE domain.person ADD COLUMN chat_handle text;
