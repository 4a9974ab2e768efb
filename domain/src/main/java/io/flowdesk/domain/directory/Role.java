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
  /**
   * Process owners and analysts: watch and repair running processes and deploy BPMN, DMN and forms
   * (the operations console), without access to the records those processes work on.
   */
  PROCESS_OWNER,
  /** Everything, plus users, groups, secrets and configuration. */
  ADMIN
}
