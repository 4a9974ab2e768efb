package io.flowdesk.domain.directory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * People, their roles and assignment groups, and their password hashes (hashed by the caller; the
 * directory never sees a clear password). Usernames and group names are case-sensitive ids.
 *
 * <p>CONTRACT SKELETON: the bodies are filled in by the domain work.
 */
public class Directory {

  public Optional<Person> person(final String username) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /** The stored password hash; empty for unknown or disabled people. */
  public Optional<String> passwordHash(final String username) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  public List<Person> people() {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /**
   * Adds a person (username 1–64 of [a-z0-9._-], email required).
   *
   * @throws IllegalArgumentException naming the problem, e.g. a username already taken
   */
  public Person addPerson(
      final String username,
      final String displayName,
      final String email,
      final Set<Role> roles,
      final String passwordHash) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  public void changePasswordHash(final String username, final String passwordHash) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  public void setEnabled(final String username, final boolean enabled) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  public List<AssignmentGroup> groups() {
    throw new UnsupportedOperationException("contract skeleton");
  }

  public Optional<AssignmentGroup> group(final String name) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /** Adds a group, or updates its display name and manager when it exists. */
  public AssignmentGroup saveGroup(final AssignmentGroup group) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  public void addMember(final String groupName, final String username) {
    throw new UnsupportedOperationException("contract skeleton");
  }

  /** Usernames of the group's members. */
  public List<String> members(final String groupName) {
    throw new UnsupportedOperationException("contract skeleton");
  }
}
