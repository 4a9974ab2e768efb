-- Agents save their inbox filters (view, sort, text) like the record lists' filters.
ALTER TABLE saved_filter DROP CONSTRAINT saved_filter_list_check;
ALTER TABLE saved_filter ADD CONSTRAINT saved_filter_list_check
  CHECK (list IN ('incidents', 'requests', 'inbox'));
