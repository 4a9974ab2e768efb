package io.flowdesk.domain.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What user administration needs of the directory: contact details, search, groups, choices. */
class DirectoryAdministrationTest {

  static Directory directory;
  static NotificationPreferences preferences;

  @BeforeAll
  static void database() {
    final DataSource database = TestDatabase.migrated();
    directory = new Directory(database);
    preferences = new NotificationPreferences(database);
    directory.addPerson("ada.admin", "Ada Admin", "ada@example.com", Set.of(Role.ADMIN), null);
    directory.addPerson("max.manager", "Max", "max@example.com", Set.of(Role.MANAGER), null);
    directory.addPerson("mia.member", "Mia 100%_sure", "mia@corp.example", Set.of(), null);
  }

  @Test
  void contactDetailsChangeAndARefusedValueNamesItsField() {
    directory.addPerson("cora", "Cora", "cora@example.com", Set.of(Role.END_USER), null);

    directory.updateContact("cora", " Cora C. ", "cora@corp.example", "+1 (555) 010-2030");

    assertThat(directory.person("cora").orElseThrow().displayName()).isEqualTo("Cora C.");
    assertThat(directory.phone("cora")).contains("+1 (555) 010-2030");
    assertThatThrownBy(() -> directory.updateContact("cora", "Cora", "cora@corp.example", "abc"))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.field()).isEqualTo("phone"));
    assertThatThrownBy(() -> directory.updateContact("cora", "", "cora@corp.example", null))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.field()).isEqualTo("displayName"));
    directory.updateContact("cora", "Cora", "cora@corp.example", " ");
    assertThat(directory.phone("cora")).isEmpty();
  }

  @Test
  void searchMatchesUsernameNameOrEmailAndTakesWildcardsLiterally() {
    assertThat(directory.people("CORP.EXAMPLE"))
        .extracting(Person::username)
        .contains("mia.member");
    assertThat(directory.people("100%_"))
        .extracting(Person::username)
        .containsExactly("mia.member");
    assertThat(directory.people("%")).extracting(Person::username).containsExactly("mia.member");
    assertThat(directory.people(" ")).hasSameSizeAs(directory.people());
  }

  @Test
  void aGroupGetsSeveralManagersTheFirstLeadingAndMembersAllOrNothing() {
    assertThatThrownBy(
            () ->
                directory.saveGroup(
                    "ops", "Ops", List.of("max.manager"), Set.of("mia.member", "ghost")))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.field()).isEqualTo("members"));
    assertThat(directory.group("ops")).isEmpty();

    directory.saveGroup("ops", "Ops", List.of("max.manager", "ada.admin"), Set.of("mia.member"));
    assertThat(directory.managers("ops")).containsExactly("max.manager", "ada.admin");
    assertThat(directory.group("ops").orElseThrow().manager()).isEqualTo("max.manager");
    assertThat(directory.members("ops")).containsExactly("mia.member");

    directory.saveGroup("ops", "Operations", List.of("ada.admin"), Set.of());
    assertThat(directory.managers("ops")).containsExactly("ada.admin");
    assertThat(directory.members("ops")).isEmpty();
    assertThat(directory.group("ops").orElseThrow().displayName()).isEqualTo("Operations");
  }

  @Test
  void aPersonsGroupsAndRolesAreSetAsAWhole() {
    directory.saveGroup(new AssignmentGroup("desk", "Desk", null));
    directory.addPerson("gus", "Gus", "gus@example.com", Set.of(Role.END_USER), null);

    directory.setGroups("gus", Set.of("desk"));
    directory.setRoles("gus", Set.of(Role.AGENT, Role.CAB_MEMBER));

    assertThat(directory.person("gus").orElseThrow().groups()).containsExactly("desk");
    assertThat(directory.person("gus").orElseThrow().roles())
        .containsExactlyInAnyOrder(Role.AGENT, Role.CAB_MEMBER);
    assertThatThrownBy(() -> directory.setGroups("gus", Set.of("no-such-group")))
        .isInstanceOfSatisfying(
            InvalidEntryException.class, e -> assertThat(e.field()).isEqualTo("groups"));
    assertThat(directory.person("gus").orElseThrow().groups()).containsExactly("desk");
  }

  @Test
  void notificationsGoByEmailUntilThePersonChoosesOtherwise() {
    directory.addPerson("nora", "Nora", "nora@example.com", Set.of(Role.MANAGER), null);

    assertThat(preferences.of("nora").get(NotificationKind.SLA_BREACHES))
        .containsExactly(NotificationChannel.EMAIL);
    preferences.choose(
        "nora",
        Map.of(
            NotificationKind.SLA_BREACHES, Set.of(NotificationChannel.SMS),
            NotificationKind.MY_RECORD_UPDATES, Set.of(NotificationChannel.EMAIL)));

    assertThat(preferences.wants("nora", NotificationKind.SLA_BREACHES, NotificationChannel.EMAIL))
        .isFalse();
    assertThat(preferences.wants("nora", NotificationKind.SLA_BREACHES, NotificationChannel.SMS))
        .isTrue();
    assertThat(preferences.of("nora").get(NotificationKind.APPROVAL_REQUESTS)).isEmpty();
  }
}
