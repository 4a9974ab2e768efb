-- Notification templates (issue 21): what each event's notification says, one row per event
-- (NotificationEvent's keys), edited by admins at /admin/notifications. Seeded with the texts the
-- processes built in FEEL and the workers in code until now (the greeting and the portal link the
-- workers added are part of the text now), so nothing a person receives changes until an admin
-- edits it. Placeholders {{name}} and sections {{#name}}…{{/name}}: see NotificationTemplates.
-- Who changed a template is in the app's admin audit trail, not here (no personal data).
CREATE TABLE notification_template (
  event      VARCHAR(64)  PRIMARY KEY,
  subject    VARCHAR(300) NOT NULL CHECK (length(btrim(subject)) > 0),
  text_body  TEXT         NOT NULL CHECK (length(btrim(text_body)) > 0),
  html_body  TEXT         NOT NULL DEFAULT '',
  updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

INSERT INTO notification_template (event, subject, text_body) VALUES
('incident-created', 'Received: {{record.title}}',
 E'Hello {{person.name}},\n\nWe have received your incident {{record.number}} ({{record.title}}) with priority {{record.priority}}. An agent will look at it soon; answer this mail to add anything.{{#record.link}}\n\n{{record.number}} in the portal: {{record.link}}{{/record.link}}'),
('incident-commented', 'New comment on {{record.number}}: {{record.title}}',
 E'Hello {{person.name}},\n\n{{comment.author}} commented on {{record.number}} ({{record.title}}):\n\n{{comment.text}}\n\nAnswer this mail to reply.{{#record.link}}\n\n{{record.number}} in the portal: {{record.link}}{{/record.link}}'),
('incident-resolved', 'Resolved: {{record.title}}',
 E'Hello {{person.name}},\n\nYour incident {{record.number}} ({{record.title}}) has been resolved.\n\nResolution: {{resolution.notes}}\n\nIf the problem is gone, please confirm in the portal under My requests; if it is not, reopen the incident there. Without an answer it closes automatically in 3 days.{{#record.link}}\n\n{{record.number}} in the portal: {{record.link}}{{/record.link}}'),
('request-approved', '{{record.title}}: approved',
 E'Hello {{person.name}},\n\nYour request {{record.number}} "{{record.title}}" has been approved.\n{{#comment.text}}\n{{comment.text}}\n{{/comment.text}}\nYou find it under My requests in the Flowdesk portal.{{#record.link}}\n\n{{record.number}} in the portal: {{record.link}}{{/record.link}}'),
('request-rejected', '{{record.title}}: rejected',
 E'Hello {{person.name}},\n\nYour request {{record.number}} "{{record.title}}" was rejected.\n{{#comment.text}}\n{{comment.text}}\n{{/comment.text}}\nYou find it under My requests in the Flowdesk portal.{{#record.link}}\n\n{{record.number}} in the portal: {{record.link}}{{/record.link}}'),
('request-fulfilled', '{{record.title}}: fulfilled',
 E'Hello {{person.name}},\n\nYour request {{record.number}} "{{record.title}}" has been fulfilled.\n{{#comment.text}}\n{{comment.text}}\n{{/comment.text}}\nYou find it under My requests in the Flowdesk portal.{{#record.link}}\n\n{{record.number}} in the portal: {{record.link}}{{/record.link}}'),
('approval-needed', 'Approval needed: {{approval.subject}}',
 E'Hello {{person.name}},\n\nYour approval is needed: {{approval.subject}}{{#record.number}} ({{record.number}}){{/record.number}}.{{#approval.handedOverBy}}\n\n{{approval.handedOverBy}} handed this approval to you.{{/approval.handedOverBy}}{{#approval.escalatedFrom}}\n\n{{approval.escalatedFrom}} did not decide in time, so it comes to you as their manager.{{/approval.escalatedFrom}}\n\nApprove or reject it here: {{approval.link}}'),
('approval-reminder', 'Reminder: approval needed: {{approval.subject}}',
 E'Hello {{person.name}},\n\nYour approval is still needed: {{approval.subject}}{{#record.number}} ({{record.number}}){{/record.number}}.\n\nApprove or reject it here: {{approval.link}}'),
('change-scheduled', 'Scheduled: {{record.number}} {{record.title}}',
 E'Hello {{person.name}},\n\nChange {{record.number}} ({{record.title}}) is scheduled from {{change.plannedStart}} to {{change.plannedEnd}}.'),
('sla-warning', 'SLA at risk: {{record.title}}',
 E'Hello {{person.name}},\n\nIncident {{record.number}} ({{record.priority}}, group {{record.group}}) is close to its {{sla.target}} target {{sla.due}}.\n\n{{record.title}}\n\nReported by {{record.caller}}.'),
('sla-response-breach', 'Response SLA breached: {{record.title}}',
 E'Hello {{person.name}},\n\nIncident {{record.number}} ({{record.priority}}, group {{record.group}}) has had no response by its response target {{sla.due}}.\n\n{{record.title}}\n\nReported by {{record.caller}}.'),
('sla-resolution-breach', 'Resolution SLA breached: {{record.title}}',
 E'Hello {{person.name}},\n\nIncident {{record.number}} ({{record.priority}}, group {{record.group}}) has not been resolved by its resolution target {{sla.due}}.\n\n{{record.title}}\n\nReported by {{record.caller}}.'),
('assigned-to-me', 'Assigned to you: {{record.number}} {{record.title}}',
 E'Hello {{person.name}},\n\n{{assignment.by}} assigned {{record.number}} ({{record.title}}, {{record.priority}}) to you.'),
('major-incident-communication', 'Major incident {{record.number}}: {{record.title}}',
 E'Hello {{person.name}},\n\nAn update on the major incident {{record.number}} ({{record.title}}) from {{communication.author}}:\n\n{{communication.text}}{{#record.link}}\n\n{{record.number}} in the portal: {{record.link}}{{/record.link}}');
