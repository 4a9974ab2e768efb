package io.flowdesk.app.privacy;

import io.flowdesk.app.audit.AdminApi;
import java.security.Principal;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's data for admins' scripts ({@code /api/admin/**} is theirs alone): the export, and the
 * erasure, which must name the person again in {@code {"confirm": "<username>"}}.
 */
@RestController
@AdminApi
class PeopleApiController {

  private final PersonalDataExport export;
  private final PersonErasure erasure;

  PeopleApiController(final PersonalDataExport export, final PersonErasure erasure) {
    this.export = export;
    this.erasure = erasure;
  }

  /** The erasure's confirmation: the username once more, so a slip of a script erases nobody. */
  record ErasureRequest(String confirm) {}

  @GetMapping("/api/admin/people/{username}/export")
  Map<String, Object> export(@PathVariable final String username) {
    return export.of(username);
  }

  @PostMapping("/api/admin/people/{username}/erasure")
  PersonErasure.Erased erase(
      final Principal admin,
      @PathVariable final String username,
      @RequestBody(required = false) final ErasureRequest request) {
    if (request == null || !username.equals(request.confirm())) {
      throw new IllegalArgumentException(
          "Confirm the erasure: send {\"confirm\": \"" + username + "\"}.");
    }
    return erasure.erase(username, admin.getName());
  }
}
