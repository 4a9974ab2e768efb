-- Standard change templates (issue 19): pre-approved changes with their plans, from which a
-- standard change is raised without CAB. Shipped as data; administrators may add or retire rows.
CREATE TABLE change_template (
  id                   VARCHAR(64)     PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{1,64}$'),
  name                 VARCHAR(160)    NOT NULL,
  description          VARCHAR(10000)  NOT NULL,
  assignment_group     VARCHAR(64),
  implementation_plan  VARCHAR(10000)  NOT NULL,
  backout_plan         VARCHAR(10000)  NOT NULL,
  test_plan            VARCHAR(10000)  NOT NULL,
  active               BOOLEAN         NOT NULL DEFAULT true,
  sort_order           INTEGER         NOT NULL DEFAULT 100
);

ALTER TABLE change_request
  ADD CONSTRAINT change_request_template FOREIGN KEY (template_id) REFERENCES change_template (id);

INSERT INTO change_template
  (id, name, description, assignment_group, implementation_plan, backout_plan, test_plan,
   sort_order)
VALUES
  ('restart-app-server', 'Restart an application server',
   'Planned restart of one application server node behind the load balancer.',
   'applications',
   E'1. Take the node out of the load balancer pool.\n2. Wait until its sessions have drained.\n3. Restart the application service.\n4. Put the node back into the pool.',
   E'Start the service with its previous configuration; if it does not come up, leave the node out of the pool and raise an incident.',
   E'Health endpoint answers 200; the node serves requests in the pool; no new errors in the log for 10 minutes.',
   10),
  ('renew-tls-certificate', 'Renew a TLS certificate',
   'Replace a TLS certificate that expires within 30 days by its renewal from the same CA.',
   'network-team',
   E'1. Install the renewed certificate and chain next to the current one.\n2. Point the service at the new files.\n3. Reload the service (no restart).',
   E'Point the service back at the previous certificate files and reload.',
   E'The service presents the new certificate (expiry date, chain) to a client outside the network.',
   20),
  ('add-dns-record', 'Add a DNS record',
   'Add an A, AAAA or CNAME record for a new internal host name.',
   'network-team',
   E'1. Add the record in the internal zone.\n2. Increase the zone serial and reload.',
   E'Remove the record, increase the serial and reload.',
   E'The name resolves from two clients in different networks.',
   30),
  ('patch-workstations', 'Apply monthly workstation patches',
   'Roll out the vendor''s monthly security patches to workstations through the software distribution.',
   'workplace-team',
   E'1. Release the patch ring "pilot".\n2. After a day without issues, release the ring "all".',
   E'Withdraw the release; the distribution uninstalls the patches at the next check-in.',
   E'The distribution reports at least 95 % of workstations patched; no rise in incidents.',
   40);
