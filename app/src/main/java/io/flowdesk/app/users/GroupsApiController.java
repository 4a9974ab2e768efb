package io.flowdesk.app.users;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/groups}: groups with their managers (the first is the lead) and members, for
 * admins only. A PATCH changes the fields it names.
 */
@RestController
@RequestMapping("/api/admin/groups")
class GroupsApiController {

  record GroupRequest(
      String name, String displayName, List<String> managers, List<String> members) {}

  record GroupResource(
      String name, String displayName, List<String> managers, List<String> members) {

    static GroupResource of(final GroupAdministration.Group group) {
      return new GroupResource(
          group.group().name(), group.group().displayName(), group.managers(), group.members());
    }
  }

  private final GroupAdministration groups;

  GroupsApiController(final GroupAdministration groups) {
    this.groups = groups;
  }

  @GetMapping
  List<GroupResource> list() {
    return groups.groups().stream().map(GroupResource::of).toList();
  }

  @GetMapping("/{name}")
  GroupResource one(@PathVariable final String name) {
    return GroupResource.of(groups.group(name));
  }

  @PostMapping
  ResponseEntity<GroupResource> create(
      final Principal admin, @RequestBody final GroupRequest request) {
    final GroupAdministration.Group created =
        groups.create(
            admin.getName(),
            new GroupForm(
                request.name(),
                request.displayName(),
                request.managers(),
                request.members() == null ? Set.of() : Set.copyOf(request.members())));
    return ResponseEntity.created(URI.create("/api/admin/groups/" + created.group().name()))
        .body(GroupResource.of(created));
  }

  @PatchMapping("/{name}")
  GroupResource update(
      final Principal admin,
      @PathVariable final String name,
      @RequestBody final GroupRequest request) {
    final GroupAdministration.Group existing = groups.group(name);
    return GroupResource.of(
        groups.update(
            admin.getName(),
            name,
            new GroupForm(
                name,
                request.displayName() == null
                    ? existing.group().displayName()
                    : request.displayName(),
                request.managers() == null ? existing.managers() : request.managers(),
                Set.copyOf(request.members() == null ? existing.members() : request.members()))));
  }
}
