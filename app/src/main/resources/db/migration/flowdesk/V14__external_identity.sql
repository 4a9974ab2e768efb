-- Which Flowdesk person an identity of a single sign-on provider is: an OpenID Connect issuer and
-- its subject ("sub", stable for the person at that issuer), or "ldap" and the sign-in name. A
-- person is found by this link, never by a matching username, so an identity provider that lets
-- people choose their names cannot hand anybody an existing Flowdesk account.
CREATE TABLE external_identity (
    issuer         TEXT        NOT NULL,
    subject        TEXT        NOT NULL,
    username       TEXT        NOT NULL,
    linked_at      TIMESTAMPTZ NOT NULL,
    last_signed_in TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX external_identity_username ON external_identity (username);
