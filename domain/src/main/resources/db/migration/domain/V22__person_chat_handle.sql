-- A person's chat handle (Slack member id or Teams user principal name): personal chat notices
-- mention it in the configured notifications channel. Null: chat reaches them nowhere.
ALTER TABLE domain.person ADD COLUMN chat_handle text;

-- Erasure (pseudonymise_person, V21) moves the entry to the pseudonym with an @erased.invalid
-- address and drops its contact details; the chat handle names the person too, so it goes with
-- them. (V21's transaction-local pseudonymise switch is already off when the entry is updated.)
CREATE OR REPLACE FUNCTION forget_chat_handle_on_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.username IS DISTINCT FROM OLD.username AND NEW.email LIKE '%@erased.invalid' THEN
    NEW.chat_handle := NULL;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER person_forget_chat_handle_on_erasure
  BEFORE UPDATE ON domain.person
  FOR EACH ROW EXECUTE FUNCTION forget_chat_handle_on_erasure();
