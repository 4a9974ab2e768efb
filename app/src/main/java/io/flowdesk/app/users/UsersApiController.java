package io.flowdesk.app.users;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/users}: the user pages as JSON, for admins only (the API's security chain
 * refuses everyone else with 403 before this is reached). Creating a user mails the set-password
 * link; a PATCH changes the fields it names and keeps the others.
 */
@RestController
@RequestMapping("/api/admin/users")
class UsersApiController {

  /** A user as the API takes it; on PATCH a missing (null) field stays as it is. */
  record UserRequest(
      String username,
      String displayName,
      String email,
      String phone,
      List<String> roles,
      List<String> groups,
      String manager) {}

  /** A user as the API shows them. */
  record UserResource(
      String username,
      String displayName,
      String email,
      String phone,
      List<String> roles,
      List<String> groups,
      String manager,
      boolean enabled) {

    static UserResource of(final UserAdministration.User user) {
      final Person person = user.person();
      return new UserResource(
          person.username(),
          person.displayName(),
          person.email(),
          user.phone().isEmpty() ? null : user.phone(),
          person.roles().stream().sorted().map(Enum::name).toList(),
          List.copyOf(person.groups()),
          user.manager().isEmpty() ? null : user.manager(),
          person.enabled());
    }
  }

  private final UserAdministration users;
  private final Directory directory;

  UsersApiController(final UserAdministration users, final Directory directory) {
    this.users = users;
    this.directory = directory;
  }

  @GetMapping
  List<UserResource> list(@RequestParam(defaultValue = "") final String q) {
    return directory.people(q).stream()
        .map(person -> UserResource.of(users.user(person.username())))
        .toList();
  }

  @GetMapping("/{username}")
  UserResource one(@PathVariable final String username) {
    return UserResource.of(users.user(username));
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(
      final Principal admin, @RequestBody final UserRequest request) {
    final UserAdministration.Outcome created =
        users.create(
            admin.getName(),
            new UserForm(
                request.username(),
                request.displayName(),
                request.email(),
                request.phone(),
                UserForm.roles(request.roles()),
                request.groups() == null ? Set.of() : Set.copyOf(request.groups()),
                request.manager()));
    final String username = created.person().username();
    return ResponseEntity.created(URI.create("/api/admin/users/" + username))
        .body(withLink(UserResource.of(users.user(username)), created.unmailedLink()));
  }

  @PatchMapping("/{username}")
  UserResource update(
      final Principal admin,
      @PathVariable final String username,
      @RequestBody final UserRequest request) {
    final UserAdministration.User existing = users.user(username);
    final Person person = existing.person();
    return UserResource.of(
        users.update(
            admin.getName(),
            username,
            new UserForm(
                username,
                or(request.displayName(), person.displayName()),
                or(request.email(), person.email()),
                or(request.phone(), existing.phone()),
                request.roles() == null ? person.roles() : UserForm.roles(request.roles()),
                request.groups() == null ? person.groups() : Set.copyOf(request.groups()),
                or(request.manager(), existing.manager()))));
  }

  @PostMapping("/{username}/disable")
  UserResource disable(final Principal admin, @PathVariable final String username) {
    return UserResource.of(users.disable(admin.getName(), username));
  }

  @PostMapping("/{username}/enable")
  UserResource enable(final Principal admin, @PathVariable final String username) {
    return UserResource.of(users.enable(admin.getName(), username));
  }

  /** Mails a new password link; answers it only when no mail server exists to send it. */
  @PostMapping("/{username}/password-reset")
  ResponseEntity<Map<String, Object>> passwordReset(
      final Principal admin, @PathVariable final String username) {
    final Optional<String> unmailed = users.sendPasswordReset(admin.getName(), username);
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("mailed", unmailed.isEmpty());
    unmailed.ifPresent(link -> body.put("passwordLink", link));
    return ResponseEntity.accepted().body(body);
  }

  private static Map<String, Object> withLink(
      final UserResource user, final Optional<String> unmailed) {
    final Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", user.username());
    body.put("displayName", user.displayName());
    body.put("email", user.email());
    body.put("phone", user.phone());
    body.put("roles", user.roles());
    body.put("groups", user.groups());
    body.put("manager", user.manager());
    body.put("enabled", user.enabled());
    body.put("passwordLinkMailed", unmailed.isEmpty());
    unmailed.ifPresent(link -> body.put("passwordLink", link));
    return body;
  }

  private static String or(final String given, final String kept) {
    return given == null ? kept : given;
  }
}
