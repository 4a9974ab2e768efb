package io.flowdesk.app.users;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.InvalidEntryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to groups: create them and change their name, managers and members, each
 * change publishing an {@link AdminAction} ({@code group.created}, {@code group.updated}) in its
 * transaction.
 */
@Service
public class GroupAdministration {

  private final Directory directory;
  private final ApplicationEventPublisher events;

  GroupAdministration(final Directory directory, final ApplicationEventPublisher events) {
    this.directory = directory;
    this.events = events;
  }

  /** A group with every manager (lead first) and member. */
  public record Group(AssignmentGroup group, List<String> managers, List<String> members) {}

  public List<Group> groups() {
    return directory.groups().stream().map(g -> group(g.name())).toList();
  }

  public Group group(final String name) {
    final AssignmentGroup group =
        directory
            .group(name)
            .orElseThrow(() -> new NotFoundException("There is no group '" + name + "'."));
    return new Group(group, directory.managers(name), directory.members(name));
  }

  /**
   * @throws InvalidEntryException naming the field, e.g. a name already taken or an unknown member
   */
  @Transactional
  public Group create(final String actor, final GroupForm form) {
    final String name = form.name() == null ? null : form.name().strip();
    if (directory.group(name).isPresent()) {
      throw new InvalidEntryException("name", "group name '" + name + "' is already taken");
    }
    directory.saveGroup(name, form.displayName(), form.managers(), form.members());
    events.publishEvent(
        new AdminAction(actor, "group.created", target(name), Map.of(), snapshot(name)));
    return group(name);
  }

  @Transactional
  public Group update(final String actor, final String name, final GroupForm form) {
    group(name);
    final Map<String, Object> before = snapshot(name);
    directory.saveGroup(name, form.displayName(), form.managers(), form.members());
    final Map<String, Object> after = snapshot(name);
    final Map<String, Object> changedBefore = new LinkedHashMap<>();
    final Map<String, Object> changedAfter = new LinkedHashMap<>();
    for (final String field : after.keySet()) {
      if (!Objects.equals(before.get(field), after.get(field))) {
        changedBefore.put(field, before.get(field));
        changedAfter.put(field, after.get(field));
      }
    }
    if (!changedAfter.isEmpty()) {
      events.publishEvent(
          new AdminAction(actor, "group.updated", target(name), changedBefore, changedAfter));
    }
    return group(name);
  }

  private Map<String, Object> snapshot(final String name) {
    final Group group = group(name);
    final Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("displayName", group.group().displayName());
    fields.put("managers", group.managers());
    fields.put("members", group.members());
    return fields;
  }

  private static String target(final String name) {
    return "group:" + name;
  }
}
