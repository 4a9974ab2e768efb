package io.flowdesk.domain.directory;

/** What a person may do, after the ITSM permission matrix. */
public enum Role {
  /** Reports issues and orders services; sees only their own records. */
  END_USER,
  /** Works the tasks and records of their assignment groups. */
  AGENT,
  /** Sees and acts on all records; receives SLA breach notices for the groups they manage. */
  MANAGER,
  /** Reviews and approves changes. */
  CAB_MEMBER,
  /** Everything, plus users, groups, secrets and configuration. */
  ADMIN
}
