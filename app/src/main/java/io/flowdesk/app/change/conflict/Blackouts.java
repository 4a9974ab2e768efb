package io.flowdesk.app.change.conflict;

import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.app.change.ChangeDrafts;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.domain.change.conflict.BlackoutScope;
import io.flowdesk.domain.change.conflict.BlackoutWindow;
import io.flowdesk.domain.change.conflict.BlackoutWindows;
import io.flowdesk.domain.change.conflict.InvalidBlackoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeping blackout windows, for the page and the API alike: change managers and administrators only
 * (403 for everyone else), every problem named by field, each creation and deletion in the admin
 * audit trail in its own transaction (both or neither).
 */
@Service
public class Blackouts {

  /** How far back the list reaches: recently ended windows still explain conflicts. */
  static final Duration LISTED_AFTER_END = Duration.ofDays(30);

  private final BlackoutWindows windows;
  private final ChangeDrafts drafts;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Blackouts(
      final BlackoutWindows windows,
      final ChangeDrafts drafts,
      final ApplicationEventPublisher events,
      final Clock clock) {
    this.windows = windows;
    this.drafts = drafts;
    this.events = events;
    this.clock = clock;
  }

  /** A blackout window as the form or the API's body gives it, text as typed. */
  public record Draft(String name, String scope, String ciId, String start, String end) {}

  /** The outcome of a creation: the window, or the problems by field. */
  public record Created(BlackoutWindow window, Map<String, String> problems) {}

  /**
   * @throws AccessDeniedException {@code viewer} is not a change manager or an administrator
   */
  public void requireKeeper(final Viewer viewer) {
    if (!ChangePlanning.managesChanges(viewer)) {
      throw new AccessDeniedException(
          viewer.username()
              + " may not keep blackout windows: change managers and administrators do");
    }
  }

  /** The windows not ended more than {@link #LISTED_AFTER_END} ago, earliest first. */
  public List<BlackoutWindows.Listed> list(final Viewer viewer) {
    if (!viewer.worksTickets()) {
      throw new AccessDeniedException(viewer.username() + " does not work with changes");
    }
    return windows.since(clock.instant().minus(LISTED_AFTER_END));
  }

  @Transactional
  public Created create(final Viewer viewer, final Draft draft) {
    requireKeeper(viewer);
    final Map<String, String> problems = new LinkedHashMap<>();
    final BlackoutScope scope = scope(draft.scope(), problems);
    UUID ci = null;
    if (draft.ciId() != null && !draft.ciId().isBlank()) {
      try {
        ci = UUID.fromString(draft.ciId().strip());
      } catch (IllegalArgumentException notAnId) {
        problems.put("ciId", "'" + draft.ciId().strip() + "' is not a CI id");
      }
    }
    final Instant start = drafts.time("start", draft.start(), problems);
    final Instant end = drafts.time("end", draft.end(), problems);
    if (!problems.isEmpty()) {
      return new Created(null, problems);
    }
    final BlackoutWindow created;
    try {
      created = windows.create(draft.name(), scope, ci, start, end, viewer.username());
    } catch (InvalidBlackoutException refused) {
      return new Created(null, Map.of(refused.field(), refused.reason()));
    }
    events.publishEvent(
        new AdminAction(
            viewer.username(), "blackout.created", target(created), Map.of(), fields(created)));
    return new Created(created, Map.of());
  }

  /** Deletes a window; empty when there is none with that id. */
  @Transactional
  public Optional<BlackoutWindow> delete(final Viewer viewer, final long id) {
    requireKeeper(viewer);
    final Optional<BlackoutWindow> deleted = windows.delete(id);
    deleted.ifPresent(
        window ->
            events.publishEvent(
                new AdminAction(
                    viewer.username(),
                    "blackout.deleted",
                    target(window),
                    fields(window),
                    Map.of())));
    return deleted;
  }

  private static BlackoutScope scope(final String given, final Map<String, String> problems) {
    if (given == null || given.isBlank()) {
      problems.put("scope", "is required: GLOBAL, CI or SERVICE");
      return null;
    }
    try {
      return BlackoutScope.valueOf(given.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      problems.put("scope", "must be GLOBAL, CI or SERVICE");
      return null;
    }
  }

  private static String target(final BlackoutWindow window) {
    return "blackout:" + window.id();
  }

  private static Map<String, Object> fields(final BlackoutWindow window) {
    final Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", window.name());
    fields.put("scope", window.scope().name());
    if (window.ciId() != null) {
      fields.put("ciId", window.ciId().toString());
    }
    fields.put("start", window.start().toString());
    fields.put("end", window.end().toString());
    return fields;
  }
}
