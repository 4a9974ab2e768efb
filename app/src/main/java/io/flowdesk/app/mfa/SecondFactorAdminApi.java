package io.flowdesk.app.mfa;

import java.security.Principal;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /api/admin/users/{username}/mfa}: the API's reset of a person's two-factor sign-in
 * (admins only; a token needs scope write). 204 when reset, 404 as a problem document when there is
 * no such person or nothing to reset.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class SecondFactorAdminApi {

  private static final Logger LOG = LoggerFactory.getLogger(SecondFactorAdminApi.class);

  private final SecondFactorReset reset;

  SecondFactorAdminApi(final SecondFactorReset reset) {
    this.reset = reset;
  }

  @DeleteMapping("/api/admin/users/{username}/mfa")
  ResponseEntity<ProblemDetail> reset(final Principal admin, @PathVariable final String username) {
    final boolean removed;
    try {
      removed = reset.reset(admin.getName(), username);
    } catch (NoSuchElementException e) {
      return problem(HttpStatus.NOT_FOUND, "User not found", e.getMessage());
    }
    if (!removed) {
      return problem(
          HttpStatus.NOT_FOUND,
          "No two-factor sign-in",
          username + " has no two-factor sign-in to reset.");
    }
    LOG.info("{} reset the two-factor sign-in of {} over the API", admin.getName(), username);
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<ProblemDetail> problem(
      final HttpStatus status, final String title, final String detail) {
    final ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return ResponseEntity.status(status).body(problem);
  }
}
