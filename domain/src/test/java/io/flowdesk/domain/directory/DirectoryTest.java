package io.flowdesk.domain.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.TestDatabase;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DirectoryTest {

  static Directory directory;

  @BeforeAll
  static void database() {
    directory = new Directory(TestDatabase.migrated());
  }

  @Test
  void anAddedPersonIsFoundWithRolesAndPasswordHash() {
    final Person added =
        directory.addPerson(
            "ann.agent",
            "Ann Agent",
            "ann@example.com",
            Set.of(Role.AGENT, Role.MANAGER),
            "{bcrypt}h1");

    assertThat(added)
        .isEqualTo(
            new Person(
                "ann.agent",
                "Ann Agent",
                "ann@example.com",
                Set.of(Role.AGENT, Role.MANAGER),
                Set.of(),
                true));
    assertThat(directory.person("ann.agent")).contains(added);
    assertThat(directory.passwordHash("ann.agent")).contains("{bcrypt}h1");
    assertThat(directory.people()).contains(added);
  }

  @Test
  void aTakenUsernameIsRefusedAndTheFirstPersonKept() {
    directory.addPerson("dup", "First", "first@example.com", Set.of(Role.END_USER), "h");

    assertThatThrownBy(
            () -> directory.addPerson("dup", "Second", "second@example.com", Set.of(), "h2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'dup' is already taken");
    assertThat(directory.person("dup").orElseThrow().displayName()).isEqualTo("First");
    assertThat(directory.passwordHash("dup")).contains("h");
  }

  @Test
  void invalidUsernamesAndEmailsAreRefusedNamingTheProblem() {
    assertThatThrownBy(() -> directory.addPerson("Ann", "Ann", "a@example.com", Set.of(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("username 'Ann'");
    assertThatThrownBy(
            () -> directory.addPerson("x".repeat(65), "X", "x@example.com", Set.of(), null))
        .hasMessageContaining("username");
    assertThatThrownBy(() -> directory.addPerson("bob", "Bob", "bob.example.com", Set.of(), null))
        .hasMessageContaining("email 'bob.example.com'");
    assertThatThrownBy(() -> directory.addPerson("bob", "Bob", " ", Set.of(), null))
        .hasMessageContaining("email is required");
    assertThatThrownBy(() -> directory.addPerson("bob", "", "bob@example.com", Set.of(), null))
        .hasMessageContaining("display name");
    assertThat(directory.person("bob")).isEmpty();
  }

  @Test
  void aDisabledPersonHasNoPasswordHashUntilEnabledAgain() {
    directory.addPerson("dora", "Dora", "dora@example.com", Set.of(Role.END_USER), "h-dora");

    directory.setEnabled("dora", false);

    assertThat(directory.passwordHash("dora")).isEmpty();
    assertThat(directory.person("dora").orElseThrow().enabled()).isFalse();
    directory.setEnabled("dora", true);
    assertThat(directory.passwordHash("dora")).contains("h-dora");
  }

  @Test
  void anUnknownPersonHasNoPasswordHashAndCannotBeChanged() {
    assertThat(directory.passwordHash("nobody")).isEmpty();
    assertThat(directory.person("nobody")).isEmpty();
    assertThatThrownBy(() -> directory.changePasswordHash("nobody", "h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nobody'");
    assertThatThrownBy(() -> directory.setEnabled("nobody", false))
        .hasMessageContaining("'nobody'");
  }

  @Test
  void aPasswordHashIsReplaced() {
    directory.addPerson("eve", "Eve", "eve@example.com", Set.of(Role.END_USER), "old");

    directory.changePasswordHash("eve", "new");

    assertThat(directory.passwordHash("eve")).contains("new");
  }

  @Test
  void anUpdateReplacesNameEmailAndRoles() {
    directory.addPerson("finn", "Finn", "finn@example.com", Set.of(Role.END_USER), "h");

    final Person updated =
        directory.updatePerson("finn", "Finn F.", "finn@corp.example", Set.of(Role.AGENT));

    assertThat(updated.displayName()).isEqualTo("Finn F.");
    assertThat(updated.email()).isEqualTo("finn@corp.example");
    assertThat(updated.roles()).containsExactly(Role.AGENT);
    assertThatThrownBy(() -> directory.updatePerson("ghost", "G", "g@example.com", Set.of()))
        .hasMessageContaining("'ghost'");
  }

  @Test
  void groupsAreSavedUpdatedAndListedWithTheirMembers() {
    directory.addPerson("gil", "Gil", "gil@example.com", Set.of(Role.AGENT), "h");
    directory.addPerson("hana", "Hana", "hana@example.com", Set.of(Role.AGENT), "h");

    directory.saveGroup(new AssignmentGroup("network-team", "Network", null));
    final AssignmentGroup updated =
        directory.saveGroup(new AssignmentGroup("network-team", "Network team", "hana"));
    directory.saveGroup(new AssignmentGroup("service-desk", "Service desk", null));
    directory.addMember("network-team", "hana");
    directory.addMember("network-team", "gil");
    directory.addMember("network-team", "gil");
    directory.addMember("service-desk", "gil");

    assertThat(directory.group("network-team")).contains(updated);
    assertThat(updated.manager()).isEqualTo("hana");
    assertThat(directory.groups()).contains(updated);
    assertThat(directory.members("network-team")).containsExactly("gil", "hana");
    assertThat(directory.person("gil").orElseThrow().groups())
        .containsExactly("network-team", "service-desk");

    directory.removeMember("service-desk", "gil");
    assertThat(directory.person("gil").orElseThrow().groups()).containsExactly("network-team");
  }

  @Test
  void membershipNeedsAnExistingGroupAndPerson() {
    directory.saveGroup(new AssignmentGroup("applications", "Applications", null));

    assertThatThrownBy(() -> directory.addMember("no-such-group", "gil"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'no-such-group'");
    assertThatThrownBy(() -> directory.addMember("applications", "no-such-person"))
        .hasMessageContaining("'no-such-person'");
    assertThatThrownBy(() -> directory.saveGroup(new AssignmentGroup("Bad Name", "x", null)))
        .hasMessageContaining("group name 'Bad Name'");
    assertThat(directory.members("applications")).isEmpty();
  }

  @Test
  void aPersonsManagerIsSetClearedAndNeverThemselves() {
    directory.addPerson("emp.erik", "Erik", "erik@example.com", Set.of(Role.END_USER), null);

    assertThat(directory.manager("emp.erik")).isEmpty();
    directory.setManager("emp.erik", "boss.berta");
    assertThat(directory.manager("emp.erik")).contains("boss.berta");
    directory.setManager("emp.erik", null);
    assertThat(directory.manager("emp.erik")).isEmpty();
    assertThat(directory.manager("nobody")).isEmpty();
    assertThatThrownBy(() -> directory.setManager("emp.erik", "emp.erik"))
        .hasMessageContaining("cannot be their own manager");
    assertThatThrownBy(() -> directory.setManager("nobody", "boss.berta"))
        .hasMessageContaining("no person 'nobody'");
  }
}
