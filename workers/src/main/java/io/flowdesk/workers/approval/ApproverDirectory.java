package io.flowdesk.workers.approval;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.workers.UnresolvableJobException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code approvers} of an approval into people: a username, {@code group:<name>} (every
 * member) or {@code manager:<username>} (that person's manager). Anything that names nobody who can
 * sign in is an {@link UnresolvableJobException} naming the entry, so an approval never waits for
 * someone who cannot come.
 */
final class ApproverDirectory {

  static final String GROUP = "group:";
  static final String MANAGER = "manager:";

  private final Directory directory;

  ApproverDirectory(final Directory directory) {
    this.directory = directory;
  }

  /**
   * The people the entries name, in the order given, each once. A {@code manager:<username>} whose
   * manager is one of the {@code parties} (a manager ordering for their own report) names the
   * manager one level up instead, so separation of duties does not leave the approval without
   * anyone; named people and groups are taken as they are.
   */
  List<Person> expand(final List<String> entries, final Set<String> parties) {
    final Map<String, Person> people = new LinkedHashMap<>();
    for (final String entry : entries) {
      if (entry.startsWith(GROUP)) {
        final String group = entry.substring(GROUP.length()).strip();
        if (directory.group(group).isEmpty()) {
          throw new UnresolvableJobException(
              "approver '" + entry + "': there is no group '" + group + "' in the directory");
        }
        final List<Person> members =
            directory.members(group).stream()
                .flatMap(member -> directory.person(member).filter(Person::enabled).stream())
                .toList();
        if (members.isEmpty()) {
          // Left out silently, the approval would wait for nobody or be decided by the others.
          throw new UnresolvableJobException(
              "approver '"
                  + entry
                  + "': group '"
                  + group
                  + "' has no member who can sign in; add members or name other approvers");
        }
        members.forEach(p -> people.putIfAbsent(p.username(), p));
      } else if (entry.startsWith(MANAGER)) {
        Person manager = managerOf(entry.substring(MANAGER.length()).strip(), entry);
        final Set<String> climbed = new HashSet<>();
        while (parties.contains(manager.username()) && climbed.add(manager.username())) {
          manager = managerOf(manager.username(), entry);
        }
        people.putIfAbsent(manager.username(), manager);
      } else {
        final Person person = person(entry, "approver '" + entry + "'");
        people.putIfAbsent(person.username(), person);
      }
    }
    return List.copyOf(people.values());
  }

  /**
   * The manager of {@code username}, who must be in the directory and able to sign in.
   *
   * @param why what asked, for the message
   */
  Person managerOf(final String username, final String why) {
    if (directory.person(username).isEmpty()) {
      throw new UnresolvableJobException(
          why + ": there is no person '" + username + "' in the directory");
    }
    final String manager =
        directory
            .manager(username)
            .orElseThrow(
                () ->
                    new UnresolvableJobException(
                        why + ": '" + username + "' has no manager in the directory"));
    return person(manager, why + ": manager '" + manager + "' of '" + username + "'");
  }

  private Person person(final String username, final String what) {
    final Person person =
        directory
            .person(username)
            .orElseThrow(
                () -> new UnresolvableJobException(what + " does not exist in the directory"));
    if (!person.enabled()) {
      throw new UnresolvableJobException(what + " is disabled and cannot sign in to decide");
    }
    return person;
  }
}
