package io.flowdesk.app.security;

import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Demo people and assignment groups for trying Flowdesk on a laptop, created at start when missing
 * (existing ones are left alone, so changed passwords stay changed). Only where {@link
 * DemoDataCondition} holds: never against a configured production database.
 */
@Component
@Conditional(DemoDataCondition.class)
class DemoData implements ApplicationRunner {

  /** The password of every demo person; it passes the {@link PasswordPolicy}, admin rules too. */
  static final String PASSWORD = "demo-flowdesk-2025";

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  static final List<AssignmentGroup> GROUPS =
      List.of(
          new AssignmentGroup("service-desk", "Service desk", "manager.maria"),
          new AssignmentGroup("network-team", "Network team", "manager.maria"),
          new AssignmentGroup("workplace-team", "Workplace team", null),
          new AssignmentGroup("identity-access", "Identity and access", null),
          new AssignmentGroup("applications", "Applications", null),
          // Catalog items: finance approves laptops above the threshold, facilities issues badges.
          new AssignmentGroup("finance", "Finance", null),
          new AssignmentGroup("facilities", "Facilities", null),
          // Change models (processes/change/): the change manager authorizes low-risk changes
          // and reviews them; the CAB votes on moderate and high risks (quorum 2).
          new AssignmentGroup("change-management", "Change management", "manager.maria"),
          new AssignmentGroup("cab", "Change advisory board", null),
          // Problem model (processes/problem/): proposed problems and their tasks go here.
          new AssignmentGroup("problem-management", "Problem management", "manager.maria"),
          // Knowledge review (processes/knowledge/): knowledge managers publish articles.
          new AssignmentGroup("knowledge-management", "Knowledge management", "manager.maria"));

  static final List<DemoPerson> PEOPLE =
      List.of(
          new DemoPerson("alice", "Alice Andersen", Set.of(Role.END_USER), Set.of()),
          new DemoPerson("bob", "Bob Brenner", Set.of(Role.END_USER), Set.of()),
          new DemoPerson("agent.anna", "Anna Agent", Set.of(Role.AGENT), Set.of("service-desk")),
          new DemoPerson("agent.nils", "Nils Network", Set.of(Role.AGENT), Set.of("network-team")),
          new DemoPerson(
              "manager.maria",
              "Maria Manager",
              Set.of(Role.MANAGER),
              Set.of(
                  "service-desk",
                  "network-team",
                  "change-management",
                  "problem-management",
                  "knowledge-management")),
          new DemoPerson("cab.carl", "Carl CAB", Set.of(Role.CAB_MEMBER), Set.of("cab")),
          new DemoPerson("cab.cora", "Cora CAB", Set.of(Role.CAB_MEMBER), Set.of("cab")),
          new DemoPerson("cab.chris", "Chris CAB", Set.of(Role.CAB_MEMBER), Set.of("cab")),
          new DemoPerson(
              "finance.fiona", "Fiona Finance", Set.of(Role.END_USER), Set.of("finance")),
          new DemoPerson("owner.otto", "Otto Operations", Set.of(Role.PROCESS_OWNER), Set.of()),
          new DemoPerson("admin", "Administrator", Set.of(Role.ADMIN), Set.of()));

  /** Whom approvals ask as "the requester's manager" (person -> manager). */
  static final Map<String, String> MANAGERS =
      Map.of("alice", "manager.maria", "bob", "manager.maria");

  private final Directory directory;
  private final PasswordEncoder passwords;

  DemoData(final Directory directory, final PasswordEncoder passwords) {
    this.directory = directory;
    this.passwords = passwords;
  }

  @Override
  public void run(final ApplicationArguments args) {
    GROUPS.forEach(directory::saveGroup);
    int added = 0;
    for (final DemoPerson demo : PEOPLE) {
      if (directory.person(demo.username()).isEmpty()) {
        directory.addPerson(
            demo.username(),
            demo.displayName(),
            demo.username() + "@example.com",
            demo.roles(),
            passwords.encode(PASSWORD));
        added++;
      }
      for (final String group : demo.groups()) {
        if (!directory.members(group).contains(demo.username())) {
          directory.addMember(group, demo.username());
        }
      }
    }
    // Only where nobody has set a manager yet, so an administrator's change stays.
    MANAGERS.forEach(
        (person, manager) -> {
          if (directory.manager(person).isEmpty()) {
            directory.setManager(person, manager);
          }
        });
    LOG.warn(
        "Demo data is on (local default configuration): {} demo people added, password \"{}\"."
            + " Set FLOWDESK_DEMO_DATA=false or configure FLOWDESK_DB_URL for production.",
        added,
        PASSWORD);
  }

  /** A demo person: username, display name, roles and the groups they are a member of. */
  record DemoPerson(String username, String displayName, Set<Role> roles, Set<String> groups) {}
}
