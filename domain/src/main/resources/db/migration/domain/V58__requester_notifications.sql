-- The templates of what a record's own person hears besides an incident's caller (issue 21): the
-- requester of a service request (and the person it is for), the requester of a change, the person
-- who raised a problem. Sent by the app's record notices from the same outbox rows as the
-- watchers' (V55): another person's public comment (never a work note) and a state change by
-- someone else. Nothing else changes: the outbox's events and triggers stay as they are.
INSERT INTO notification_template (event, subject, text_body) VALUES
('my-record-commented', 'New comment on {{record.number}}: {{record.title}}',
 E'Hello {{person.name}},\n\n{{comment.author}} commented on your {{record.kind}} {{record.number}} ({{record.title}}):\n\n{{comment.text}}{{#record.link}}\n\n{{record.number}}: {{record.link}}{{/record.link}}'),
('my-record-state-changed', '{{record.number}} moved to {{state.new}}: {{record.title}}',
 E'Hello {{person.name}},\n\n{{change.author}} moved your {{record.kind}} {{record.number}} ({{record.title}}) from {{state.old}} to {{state.new}}.{{#record.link}}\n\n{{record.number}}: {{record.link}}{{/record.link}}');
