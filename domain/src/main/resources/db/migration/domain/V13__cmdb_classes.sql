-- CMDB (issue 19): classes of configuration items and the attributes each class defines. The
-- shipped classes are rows like the ones an admin adds; "service" marks the classes impact
-- analysis reports as impacted and that carry a criticality (business services, applications).
CREATE TABLE ci_class (
  name        VARCHAR(64)   PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]{0,63}$'),
  label       VARCHAR(200)  NOT NULL,
  shipped     BOOLEAN       NOT NULL DEFAULT false,
  service     BOOLEAN       NOT NULL DEFAULT false,
  created_at  TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- One attribute a class defines; a CI's attribute values (ci.attributes) are checked against
-- these by the domain before they are written. options: the values of a CHOICE, else NULL.
CREATE TABLE ci_attribute_definition (
  class_name  VARCHAR(64)   NOT NULL REFERENCES ci_class (name),
  name        VARCHAR(64)   NOT NULL CHECK (name ~ '^[a-z][a-zA-Z0-9_]{0,63}$'),
  label       VARCHAR(200)  NOT NULL,
  type        VARCHAR(10)   NOT NULL CHECK (type IN ('TEXT', 'NUMBER', 'DATE', 'CHOICE', 'REFERENCE')),
  required    BOOLEAN       NOT NULL DEFAULT false,
  options     JSONB,
  position    INTEGER       NOT NULL,
  PRIMARY KEY (class_name, name),
  CHECK ((type = 'CHOICE') = (options IS NOT NULL))
);

INSERT INTO ci_class (name, label, shipped, service) VALUES
  ('business_service', 'Business service', true, true),
  ('application', 'Application', true, true),
  ('database', 'Database', true, false),
  ('server', 'Server', true, false),
  ('network_device', 'Network device', true, false);

INSERT INTO ci_attribute_definition (class_name, name, label, type, required, options, position) VALUES
  ('application', 'version', 'Version', 'TEXT', false, NULL, 1),
  ('application', 'url', 'URL', 'TEXT', false, NULL, 2),
  ('database', 'engine', 'Engine', 'CHOICE', false,
     '["PostgreSQL", "MySQL", "MariaDB", "Oracle", "SQL Server", "Other"]', 1),
  ('database', 'sizeGb', 'Size (GB)', 'NUMBER', false, NULL, 2),
  ('server', 'hostname', 'Host name', 'TEXT', false, NULL, 1),
  ('server', 'ipAddress', 'IP address', 'TEXT', false, NULL, 2),
  ('server', 'operatingSystem', 'Operating system', 'TEXT', false, NULL, 3),
  ('server', 'cpus', 'CPUs', 'NUMBER', false, NULL, 4),
  ('server', 'warrantyUntil', 'Warranty until', 'DATE', false, NULL, 5),
  ('network_device', 'ipAddress', 'IP address', 'TEXT', false, NULL, 1),
  ('network_device', 'deviceType', 'Device type', 'CHOICE', false,
     '["Switch", "Router", "Firewall", "Load balancer", "Access point"]', 2);
