package io.flowdesk.domain.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People, their roles and assignment groups, and their password hashes (hashed by the caller; the
 * directory never sees a clear password). Usernames and group names are case-sensitive ids of 1–64
 * characters {@code [a-z0-9._-]}.
 *
 * <p>Tables {@code domain.person}, {@code person_role}, {@code assignment_group} and {@code
 * group_member}. A person is never deleted (records keep naming them); disabling one keeps them
 * from signing in.
 */
public class Directory {

  private static final Pattern ID = Pattern.compile("[a-z0-9._-]{1,64}");
  // Plausible, not RFC 5322: one @, no spaces, a dot in the domain. Delivery proves the rest.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
  // Roles and group names cannot contain a comma, so a comma-joined list is unambiguous.
  private static final String PERSON =
      "SELECT p.username, p.display_name, p.email, p.enabled,"
          + " (SELECT string_agg(r.role, ',') FROM domain.person_role r"
          + "   WHERE r.username = p.username) AS roles,"
          + " (SELECT string_agg(m.group_name, ',') FROM domain.group_member m"
          + "   WHERE m.username = p.username) AS groups"
          + " FROM domain.person p";
  private static final int MAX_DISPLAY_NAME = 200;
  private static final int MAX_EMAIL = 320;
  private static final int MAX_PASSWORD_HASH = 500;
  private static final int MAX_PHONE = 40;
  // Digits, spaces and the usual separators, an optional leading +: what people type, not E.164.
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{2,39}");
  // A Slack member id (U0123ABCD, W0123ABCD) or a Teams user principal name (someone@example.com).
  private static final Pattern CHAT_HANDLE =
      Pattern.compile("[UW][A-Z0-9]{2,20}|[^\\s@<>]{1,64}@[^\\s@<>]+\\.[^\\s@<>]+");
  private static final int MAX_CHAT_HANDLE = 254;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  /** A directory on {@code dataSource} with its own JDBC transactions (tests, tools). */
  public Directory(final DataSource dataSource) {
    this(dataSource, new DataSourceTransactionManager(dataSource));
  }

  /** A directory on {@code dataSource}, in transactions of {@code transactionManager}. */
  public Directory(
      final DataSource dataSource, final PlatformTransactionManager transactionManager) {
    this.jdbc = JdbcClient.create(dataSource);
    this.tx = new TransactionTemplate(transactionManager);
  }

  public Optional<Person> person(final String username) {
    if (username == null) {
      return Optional.empty();
    }
    return jdbc.sql(PERSON + " WHERE p.username = :username")
        .param("username", username)
        .query(Directory::person)
        .optional();
  }

  /**
   * The person with this email address (ignoring case), when exactly one has it: an address several
   * people share names nobody in particular (mail from it is treated as from an unknown sender).
   */
  public Optional<Person> personByEmail(final String email) {
    if (email == null || email.isBlank()) {
      return Optional.empty();
    }
    final List<Person> found =
        jdbc.sql(PERSON + " WHERE lower(p.email) = lower(:email) LIMIT 2")
            .param("email", email.strip())
            .query(Directory::person)
            .list();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /**
   * These people, by username, in one query (for a list naming many); unknown ones are left out.
   */
  public Map<String, Person> byUsername(final Collection<String> usernames) {
    final Set<String> wanted =
        usernames.stream().filter(Objects::nonNull).collect(Collectors.toSet());
    if (wanted.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql(PERSON + " WHERE p.username IN (:usernames)")
        .param("usernames", wanted)
        .query(Directory::person)
        .list()
        .stream()
        .collect(Collectors.toMap(Person::username, person -> person));
  }

  /** The stored password hash; empty for unknown or disabled people and those without one. */
  public Optional<String> passwordHash(final String username) {
    if (username == null) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT password_hash FROM domain.person"
                + " WHERE username = :username AND enabled AND password_hash IS NOT NULL")
        .param("username", username)
        .query(String.class)
        .optional();
  }

  /** Everyone, by username. */
  public List<Person> people() {
    return jdbc.sql(PERSON + " ORDER BY p.username").query(Directory::person).list();
  }

  /**
   * Adds a person (username 1–64 of [a-z0-9._-], display name and a plausible email required);
   * {@code passwordHash} may be null for someone who cannot sign in with a password.
   *
   * @throws IllegalArgumentException naming the problem, e.g. a username already taken
   */
  public Person addPerson(
      final String username,
      final String displayName,
      final String email,
      final Set<Role> roles,
      final String passwordHash) {
    requireId("username", "username", username);
    final String name = requireDisplayName(displayName);
    final String address = requireEmail(email);
    requirePasswordHash(passwordHash);
    final Set<Role> granted = roles == null ? Set.of() : roles;
    tx.executeWithoutResult(
        status -> {
          final int inserted =
              jdbc.sql(
                      """
                      INSERT INTO domain.person (username, display_name, email, password_hash)
                      VALUES (:username, :displayName, :email, :passwordHash)
                      ON CONFLICT (username) DO NOTHING
                      """)
                  .param("username", username)
                  .param("displayName", name)
                  .param("email", address)
                  .param("passwordHash", passwordHash)
                  .update();
          if (inserted == 0) {
            throw new InvalidEntryException(
                "username", "username '" + username + "' is already taken");
          }
          writeRoles(username, granted);
        });
    return require(username);
  }

  /**
   * Changes a person's display name, email and roles (what an administrator edits).
   *
   * @throws IllegalArgumentException naming the problem, e.g. an unknown username
   */
  public Person updatePerson(
      final String username, final String displayName, final String email, final Set<Role> roles) {
    final String name = requireDisplayName(displayName);
    final String address = requireEmail(email);
    final Set<Role> granted = roles == null ? Set.of() : roles;
    tx.executeWithoutResult(
        status -> {
          requireUpdated(
              username,
              jdbc.sql(
                      "UPDATE domain.person SET display_name = :displayName, email = :email,"
                          + " updated_at = now() WHERE username = :username")
                  .param("username", username)
                  .param("displayName", name)
                  .param("email", address)
                  .update());
          jdbc.sql("DELETE FROM domain.person_role WHERE username = :username")
              .param("username", username)
              .update();
          writeRoles(username, granted);
        });
    return require(username);
  }

  /**
   * @throws IllegalArgumentException an unknown username or a hash longer than 500 characters
   */
  public void changePasswordHash(final String username, final String passwordHash) {
    requirePasswordHash(passwordHash);
    requireUpdated(
        username,
        jdbc.sql(
                "UPDATE domain.person SET password_hash = :passwordHash, updated_at = now()"
                    + " WHERE username = :username")
            .param("username", username)
            .param("passwordHash", passwordHash)
            .update());
  }

  /**
   * @throws IllegalArgumentException an unknown username
   */
  public void setEnabled(final String username, final boolean enabled) {
    requireUpdated(
        username,
        jdbc.sql(
                "UPDATE domain.person SET enabled = :enabled, updated_at = now()"
                    + " WHERE username = :username")
            .param("username", username)
            .param("enabled", enabled)
            .update());
  }

  /** The person's phone number; empty for an unknown person and one without. */
  public Optional<String> phone(final String username) {
    if (username == null) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT phone FROM domain.person WHERE username = :username AND phone IS NOT NULL")
        .param("username", username)
        .query(String.class)
        .optional();
  }

  /** The person's chat handle; empty for an unknown person and one without. */
  public Optional<String> chatHandle(final String username) {
    if (username == null) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT chat_handle FROM domain.person WHERE username = :username"
                + " AND chat_handle IS NOT NULL")
        .param("username", username)
        .query(String.class)
        .optional();
  }

  /**
   * People whose username, display name or email contains {@code text}, ignoring case, by username;
   * everyone for a blank text.
   */
  public List<Person> people(final String text) {
    if (text == null || text.isBlank()) {
      return people();
    }
    final String pattern =
        "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return jdbc.sql(
            PERSON
                + " WHERE p.username ILIKE :pattern OR p.display_name ILIKE :pattern"
                + " OR p.email ILIKE :pattern ORDER BY p.username")
        .param("pattern", pattern)
        .query(Directory::person)
        .list();
  }

  /**
   * Changes what a person may change about themselves: display name, email and phone (optional;
   * blank removes it).
   *
   * @throws InvalidEntryException naming the field, e.g. an email that is no address
   * @throws IllegalArgumentException an unknown username
   */
  public Person updateContact(
      final String username, final String displayName, final String email, final String phone) {
    final String name = requireDisplayName(displayName);
    final String address = requireEmail(email);
    final String number = optionalPhone(phone);
    requireUpdated(
        username,
        jdbc.sql(
                "UPDATE domain.person SET display_name = :displayName, email = :email,"
                    + " phone = :phone, updated_at = now() WHERE username = :username")
            .param("username", username)
            .param("displayName", name)
            .param("email", address)
            .param("phone", number)
            .update());
    return require(username);
  }

  /**
   * {@link #updateContact(String, String, String, String)} and the chat handle (optional; blank
   * removes it), all or nothing.
   *
   * @throws InvalidEntryException naming the field, e.g. a chat handle that is neither a Slack
   *     member id nor a Teams user principal name
   */
  public Person updateContact(
      final String username,
      final String displayName,
      final String email,
      final String phone,
      final String chatHandle) {
    final String handle = optionalChatHandle(chatHandle);
    return tx.execute(
        status -> {
          final Person person = updateContact(username, displayName, email, phone);
          jdbc.sql("UPDATE domain.person SET chat_handle = :handle WHERE username = :username")
              .param("username", username)
              .param("handle", handle)
              .update();
          return person;
        });
  }

  /**
   * Serialises the changes that could leave nobody administering Flowdesk (revoking ADMIN,
   * disabling): taken first in the transaction that checks for the last enabled administrator and
   * then changes roles or the enabled flag, so two administrators demoting each other at the same
   * moment cannot each still see the other. Held until that transaction ends.
   */
  public void lockAdministrators() {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('domain.person.administrators'))")
        .query()
        .singleRow();
  }

  /**
   * Gives the person exactly these roles.
   *
   * @throws IllegalArgumentException an unknown username
   */
  public void setRoles(final String username, final Set<Role> roles) {
    final Set<Role> granted = roles == null ? Set.of() : roles;
    tx.executeWithoutResult(
        status -> {
          require(username);
          jdbc.sql("DELETE FROM domain.person_role WHERE username = :username")
              .param("username", username)
              .update();
          writeRoles(username, granted);
        });
  }

  /**
   * Makes the person a member of exactly these groups.
   *
   * @throws InvalidEntryException (field {@code groups}) naming a group that does not exist
   */
  public void setGroups(final String username, final Set<String> groupNames) {
    final Set<String> wanted = groupNames == null ? Set.of() : new TreeSet<>(groupNames);
    tx.executeWithoutResult(
        status -> {
          require(username);
          for (final String groupName : wanted) {
            if (group(groupName).isEmpty()) {
              throw new InvalidEntryException("groups", "there is no group '" + groupName + "'");
            }
          }
          jdbc.sql("DELETE FROM domain.group_member WHERE username = :username")
              .param("username", username)
              .update();
          for (final String groupName : wanted) {
            insertMember(groupName, username);
          }
        });
  }

  /** Usernames of every manager of the group, the lead manager first, then by username. */
  public List<String> managers(final String groupName) {
    final Optional<AssignmentGroup> group = group(groupName);
    if (group.isEmpty()) {
      return List.of();
    }
    final List<String> managers = new ArrayList<>();
    if (group.get().manager() != null) {
      managers.add(group.get().manager());
    }
    jdbc
        .sql(
            "SELECT username FROM domain.group_manager WHERE group_name = :groupName"
                + " ORDER BY username")
        .param("groupName", groupName)
        .query(String.class)
        .list()
        .stream()
        .filter(username -> !managers.contains(username))
        .forEach(managers::add);
    return List.copyOf(managers);
  }

  /**
   * Creates or replaces a group as an administrator edits it: display name, managers (the first is
   * the lead manager, who receives the group's SLA breach notices) and members, all at once or not
   * at all. Managers and members must be people in the directory.
   *
   * @throws InvalidEntryException naming the field, e.g. an unknown member
   */
  public AssignmentGroup saveGroup(
      final String name,
      final String displayName,
      final List<String> managers,
      final Set<String> members) {
    final List<String> leads =
        managers == null ? List.of() : List.copyOf(new LinkedHashSet<>(managers));
    final Set<String> memberSet = members == null ? Set.of() : new TreeSet<>(members);
    return tx.execute(
        status -> {
          requirePeople("managers", leads);
          requirePeople("members", memberSet);
          final AssignmentGroup saved =
              saveGroup(
                  new AssignmentGroup(name, displayName, leads.isEmpty() ? null : leads.get(0)));
          jdbc.sql("DELETE FROM domain.group_manager WHERE group_name = :name")
              .param("name", name)
              .update();
          for (final String manager : leads) {
            jdbc.sql(
                    "INSERT INTO domain.group_manager (group_name, username)"
                        + " VALUES (:name, :username)")
                .param("name", name)
                .param("username", manager)
                .update();
          }
          jdbc.sql("DELETE FROM domain.group_member WHERE group_name = :name")
              .param("name", name)
              .update();
          for (final String member : memberSet) {
            insertMember(name, member);
          }
          return saved;
        });
  }

  /**
   * The username of the person's manager (whom approvals ask for "the requester's manager" and
   * escalate to); empty for unknown people and those without one.
   */
  public Optional<String> manager(final String username) {
    if (username == null) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT manager FROM domain.person WHERE username = :username")
        .param("username", username)
        .query((row, n) -> Optional.ofNullable(row.getString("manager")))
        .optional()
        .flatMap(manager -> manager);
  }

  /**
   * Sets (or, with null, clears) the person's manager: a username, not checked against the people,
   * so people may be seeded in any order; nobody is their own manager.
   *
   * @throws IllegalArgumentException an unknown person, an invalid or their own username
   */
  public void setManager(final String username, final String manager) {
    if (manager != null) {
      requireId("manager", "manager", manager);
      if (manager.equals(username)) {
        throw new IllegalArgumentException("'" + username + "' cannot be their own manager");
      }
    }
    requireUpdated(
        username,
        jdbc.sql(
                "UPDATE domain.person SET manager = :manager, updated_at = now()"
                    + " WHERE username = :username")
            .param("username", username)
            .param("manager", manager)
            .update());
  }

  /** Every group, by name. */
  public List<AssignmentGroup> groups() {
    return jdbc.sql("SELECT name, display_name, manager FROM domain.assignment_group ORDER BY name")
        .query(Directory::group)
        .list();
  }

  public Optional<AssignmentGroup> group(final String name) {
    if (name == null) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT name, display_name, manager FROM domain.assignment_group WHERE name = :name")
        .param("name", name)
        .query(Directory::group)
        .optional();
  }

  /**
   * Adds a group, or updates its display name and manager when it exists. The manager is a username
   * (not checked against the people, so groups and people may be seeded in any order).
   *
   * @throws IllegalArgumentException naming the problem, e.g. an invalid group name
   */
  public AssignmentGroup saveGroup(final AssignmentGroup group) {
    if (group == null) {
      throw new IllegalArgumentException("group is missing");
    }
    requireId("name", "group name", group.name());
    final String name = requireDisplayName(group.displayName());
    if (group.manager() != null) {
      requireId("managers", "manager", group.manager());
    }
    jdbc.sql(
            """
            INSERT INTO domain.assignment_group (name, display_name, manager)
            VALUES (:name, :displayName, :manager)
            ON CONFLICT (name) DO UPDATE
              SET display_name = EXCLUDED.display_name, manager = EXCLUDED.manager
            """)
        .param("name", group.name())
        .param("displayName", name)
        .param("manager", group.manager())
        .update();
    // People may be seeded after their groups: the lead counts as manager either way (managers()).
    jdbc.sql(
            """
            INSERT INTO domain.group_manager (group_name, username)
            SELECT :name, username FROM domain.person WHERE username = :manager
            ON CONFLICT DO NOTHING
            """)
        .param("name", group.name())
        .param("manager", group.manager())
        .update();
    return new AssignmentGroup(group.name(), name, group.manager());
  }

  /**
   * Makes the person a member of the group; a member already is one.
   *
   * @throws IllegalArgumentException an unknown group or username
   */
  public void addMember(final String groupName, final String username) {
    tx.executeWithoutResult(
        status -> {
          requireGroup(groupName);
          require(username);
          insertMember(groupName, username);
        });
  }

  /** Ends the person's membership of the group; a non-member stays one. */
  public void removeMember(final String groupName, final String username) {
    jdbc.sql(
            "DELETE FROM domain.group_member WHERE group_name = :groupName"
                + " AND username = :username")
        .param("groupName", groupName)
        .param("username", username)
        .update();
  }

  /** Usernames of the group's members, sorted. */
  public List<String> members(final String groupName) {
    return jdbc.sql(
            "SELECT username FROM domain.group_member WHERE group_name = :groupName"
                + " ORDER BY username")
        .param("groupName", groupName)
        .query(String.class)
        .list();
  }

  private static Person person(final ResultSet row, final int n) throws SQLException {
    final EnumSet<Role> roles = EnumSet.noneOf(Role.class);
    for (final String role : split(row.getString("roles"))) {
      roles.add(Role.valueOf(role));
    }
    return new Person(
        row.getString("username"),
        row.getString("display_name"),
        row.getString("email"),
        Collections.unmodifiableSet(roles),
        Collections.unmodifiableSortedSet(new TreeSet<>(split(row.getString("groups")))),
        row.getBoolean("enabled"));
  }

  private static List<String> split(final String joined) {
    return joined == null ? List.of() : List.of(joined.split(","));
  }

  private void writeRoles(final String username, final Set<Role> roles) {
    for (final Role role : roles) {
      if (role == null) {
        throw new IllegalArgumentException("roles contain an empty role");
      }
      jdbc.sql("INSERT INTO domain.person_role (username, role) VALUES (:username, :role)")
          .param("username", username)
          .param("role", role.name())
          .update();
    }
  }

  private Person require(final String username) {
    return person(username)
        .orElseThrow(() -> new IllegalArgumentException("no person '" + username + "'"));
  }

  private void requireGroup(final String groupName) {
    if (group(groupName).isEmpty()) {
      throw new IllegalArgumentException("no assignment group '" + groupName + "'");
    }
  }

  private void insertMember(final String groupName, final String username) {
    jdbc.sql(
            "INSERT INTO domain.group_member (group_name, username)"
                + " VALUES (:groupName, :username) ON CONFLICT DO NOTHING")
        .param("groupName", groupName)
        .param("username", username)
        .update();
  }

  private void requirePeople(final String field, final Collection<String> usernames) {
    for (final String username : usernames) {
      if (person(username).isEmpty()) {
        throw new InvalidEntryException(field, "there is no person '" + username + "'");
      }
    }
  }

  private static String optionalPhone(final String phone) {
    if (phone == null || phone.isBlank()) {
      return null;
    }
    final String number = phone.strip();
    if (number.length() > MAX_PHONE || !PHONE.matcher(number).matches()) {
      throw new InvalidEntryException(
          "phone",
          "phone '"
              + number
              + "' is not a phone number: digits, spaces, ( ) . / - and a leading +,"
              + " at most "
              + MAX_PHONE
              + " characters");
    }
    return number;
  }

  private static String optionalChatHandle(final String chatHandle) {
    if (chatHandle == null || chatHandle.isBlank()) {
      return null;
    }
    final String handle = chatHandle.strip();
    if (handle.length() > MAX_CHAT_HANDLE || !CHAT_HANDLE.matcher(handle).matches()) {
      throw new InvalidEntryException(
          "chatHandle",
          "chat handle '"
              + handle
              + "' is neither a Slack member id (e.g. U0123ABCD) nor a Teams user principal"
              + " name (e.g. someone@example.com)");
    }
    return handle;
  }

  private static void requireUpdated(final String username, final int updated) {
    if (updated == 0) {
      throw new IllegalArgumentException("no person '" + username + "'");
    }
  }

  private static void requireId(final String field, final String what, final String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new InvalidEntryException(
          field, what + " '" + value + "' must be 1-64 characters of a-z, 0-9, '.', '_' and '-'");
    }
  }

  private static String requireDisplayName(final String displayName) {
    if (displayName == null || displayName.isBlank()) {
      throw new InvalidEntryException("displayName", "display name is required");
    }
    final String name = displayName.strip();
    if (name.length() > MAX_DISPLAY_NAME) {
      throw new InvalidEntryException(
          "displayName", "display name is too long: at most " + MAX_DISPLAY_NAME + " characters");
    }
    return name;
  }

  private static String requireEmail(final String email) {
    if (email == null || email.isBlank()) {
      throw new InvalidEntryException("email", "email is required");
    }
    final String address = email.strip();
    if (address.length() > MAX_EMAIL || !EMAIL.matcher(address).matches()) {
      throw new InvalidEntryException("email", "email '" + address + "' is not a valid address");
    }
    return address;
  }

  private static void requirePasswordHash(final String passwordHash) {
    if (passwordHash != null && passwordHash.length() > MAX_PASSWORD_HASH) {
      throw new IllegalArgumentException(
          "password hash is too long: at most " + MAX_PASSWORD_HASH + " characters");
    }
  }

  private static AssignmentGroup group(final ResultSet row, final int n) throws SQLException {
    return new AssignmentGroup(
        row.getString("name"), row.getString("display_name"), row.getString("manager"));
  }
}
