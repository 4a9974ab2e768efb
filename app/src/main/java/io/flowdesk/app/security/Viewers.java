package io.flowdesk.app.security;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** Turns the current sign-in into a {@link Viewer}. */
@Component
public class Viewers {

  private static final String REQUEST_ATTRIBUTE = Viewers.class.getName() + ".current";

  private final Directory directory;

  Viewers(final Directory directory) {
    this.directory = directory;
  }

  /** The person signed in on this request; empty for anonymous requests. */
  public Optional<Viewer> current() {
    // A page asks in its controller and again in its layout: one directory lookup per request.
    final RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request == null) {
      return of(SecurityContextHolder.getContext().getAuthentication());
    }
    @SuppressWarnings("unchecked")
    Optional<Viewer> viewer =
        (Optional<Viewer>) request.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (viewer == null) {
      viewer = of(SecurityContextHolder.getContext().getAuthentication());
      request.setAttribute(REQUEST_ATTRIBUTE, viewer, RequestAttributes.SCOPE_REQUEST);
    }
    return viewer;
  }

  /**
   * The viewer behind {@code authentication}; a person disabled or removed since signing in keeps
   * the roles of the sign-in but no groups.
   */
  public Optional<Viewer> of(final Authentication authentication) {
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    final String username = authentication.getName();
    final Optional<Person> person = directory.person(username).filter(Person::enabled);
    return Optional.of(
        new Viewer(
            username,
            person.map(Person::displayName).orElse(username),
            Roles.of(authentication),
            person.map(Person::groups).orElse(Set.of())));
  }
}
