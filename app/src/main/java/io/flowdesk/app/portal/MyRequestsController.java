package io.flowdesk.app.portal;

import io.flowdesk.app.forms.FormValidator;
import io.flowdesk.app.incident.CallerResponses;
import io.flowdesk.app.incident.IncidentAccess;
import io.flowdesk.app.incident.IncidentJournal;
import io.flowdesk.app.incident.IncidentTimeline;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.incident.IllegalTransitionException;
import io.flowdesk.domain.incident.Incident;
import io.flowdesk.domain.incident.IncidentNotFoundException;
import io.flowdesk.domain.incident.IncidentState;
import io.flowdesk.domain.incident.JournalKind;
import io.flowdesk.domain.record.OwnRecords;
import io.flowdesk.domain.record.RecordKind;
import io.flowdesk.domain.request.RequestStage;
import io.flowdesk.domain.request.RequestState;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My requests": the tasks that wait for the signed-in person ({@link MyTaskController}) above the
 * incidents they reported and the requests they ordered (or that were ordered for them) in one
 * list; each incident's page with its timeline, comments to the agents, and confirm/reopen once it
 * is resolved (requests' pages: PortalRequestController). Only the caller uses these pages; agents
 * and managers allowed to see the incident are sent to its record page, everyone else gets 403.
 */
@Controller
@RequestMapping("/portal/requests")
@PreAuthorize("isAuthenticated()")
class MyRequestsController {

  static final int PAGE_SIZE = 20;
  static final int MAX_COMMENT = 10_000;
  private static final Set<IncidentState> OPEN_INCIDENTS =
      EnumSet.of(
          IncidentState.NEW,
          IncidentState.IN_PROGRESS,
          IncidentState.ON_HOLD,
          IncidentState.RESOLVED);
  private static final Set<IncidentState> CLOSED_INCIDENTS =
      EnumSet.complementOf(EnumSet.copyOf(OPEN_INCIDENTS));
  private static final Set<RequestState> OPEN_REQUESTS =
      Arrays.stream(RequestState.values())
          .filter(s -> s.stage() != RequestStage.CLOSED)
          .collect(Collectors.toSet());
  private static final Set<RequestState> CLOSED_REQUESTS =
      EnumSet.complementOf(EnumSet.copyOf(OPEN_REQUESTS));

  private final IncidentAccess access;
  private final IncidentTimeline timeline;
  private final CallerResponses responses;
  private final Viewers viewers;
  private final IncidentJournal journal;
  private final OwnRecords own;
  private final PortalFormat format;
  private final WaitingTasks waiting;

  MyRequestsController(
      final IncidentAccess access,
      final IncidentTimeline timeline,
      final CallerResponses responses,
      final Viewers viewers,
      final IncidentJournal journal,
      final OwnRecords own,
      final PortalFormat format,
      final WaitingTasks waiting) {
    this.access = access;
    this.timeline = timeline;
    this.responses = responses;
    this.viewers = viewers;
    this.journal = journal;
    this.own = own;
    this.format = format;
    this.waiting = waiting;
  }

  /** One line of My requests: an incident or a request. */
  record Row(
      String number,
      String kind,
      String title,
      String state,
      String stateClass,
      Instant updatedAt) {}

  /**
   * Incidents the person reported and requests they ordered or that were ordered for them,
   * together, most recently updated first; {@code kind} ({@code incident}, {@code request}) and
   * {@code state} ({@code open}, {@code closed}) narrow the list.
   */
  @GetMapping
  String list(
      @RequestParam(defaultValue = "0") final int page,
      @RequestParam(defaultValue = "") final String kind,
      @RequestParam(defaultValue = "") final String state,
      final Model model) {
    final Viewer viewer = viewer();
    final boolean open = "open".equals(state);
    final boolean closed = "closed".equals(state);
    final Map<RecordKind, Set<String>> kinds = new LinkedHashMap<>();
    if (!"request".equals(kind)) {
      kinds.put(
          RecordKind.INCIDENT, names(open ? OPEN_INCIDENTS : closed ? CLOSED_INCIDENTS : Set.of()));
    }
    if (!"incident".equals(kind)) {
      kinds.put(
          RecordKind.REQUEST, names(open ? OPEN_REQUESTS : closed ? CLOSED_REQUESTS : Set.of()));
    }
    final Page<Row> shown =
        own.of(viewer.username(), kinds, PageNumbers.within(page), PAGE_SIZE).map(this::row);
    model.addAttribute("waiting", waiting.of(viewer));
    model.addAttribute("rows", shown);
    model.addAttribute("kind", kind);
    model.addAttribute("state", state);
    return "portal/requests";
  }

  private Row row(final OwnRecords.Row own) {
    if (own.kind().equals(RecordKind.INCIDENT)) {
      final IncidentState state = IncidentState.valueOf(own.state());
      return new Row(
          own.number(),
          "Incident",
          own.title(),
          format.state(state),
          format.stateClass(state),
          own.updatedAt());
    }
    final RequestState state = RequestState.valueOf(own.state());
    return new Row(
        own.number(),
        "Request",
        own.title(),
        state.label(),
        format.stateClass(state),
        own.updatedAt());
  }

  private static Set<String> names(final Set<? extends Enum<?>> states) {
    return states.stream().map(Enum::name).collect(Collectors.toSet());
  }

  @GetMapping("/{number:INC[0-9]+}")
  String show(@PathVariable final String number, final Model model) {
    final Viewer viewer = viewer();
    final Incident incident = find(viewer, number);
    if (!viewer.username().equals(incident.caller())) {
      return "redirect:/incidents/" + incident.number();
    }
    model.addAttribute("incident", incident);
    model.addAttribute("timeline", timeline.of(incident, false));
    model.addAttribute("awaitingAnswer", incident.state() == IncidentState.RESOLVED);
    model.addAttribute("onceKey", UUID.randomUUID().toString());
    return "portal/request";
  }

  @PostMapping("/{number:INC[0-9]+}/comments")
  String comment(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String text,
      @RequestParam(name = FormValidator.ONCE_PARAMETER, required = false) final String once,
      final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    final Incident incident = ownIncident(viewer, number);
    if (text.isBlank()) {
      redirect.addFlashAttribute("problem", "Please write a comment before sending it.");
    } else if (text.length() > MAX_COMMENT) {
      redirect.addFlashAttribute(
          "problem", "A comment may have at most " + MAX_COMMENT + " characters.");
      redirect.addFlashAttribute("commentText", text);
    } else if (incident.state() == IncidentState.CLOSED
        || incident.state() == IncidentState.CANCELED) {
      redirect.addFlashAttribute(
          "problem", incident.number() + " is " + state(incident) + "; it takes no comments.");
    } else {
      // A second post of the same page adds nothing: the comment is there already.
      journal.add(incident, JournalKind.COMMENT, text.strip(), viewer.username(), once);
      redirect.addFlashAttribute("flash", "Your comment was added.");
    }
    return "redirect:/portal/requests/" + incident.number();
  }

  @PostMapping("/{number:INC[0-9]+}/response")
  String respond(
      @PathVariable final String number,
      @RequestParam final String decision,
      @RequestParam(defaultValue = "") final String comment,
      final RedirectAttributes redirect) {
    final Viewer viewer = viewer();
    final Incident incident = ownIncident(viewer, number);
    final CallerResponses.Decision chosen =
        switch (decision) {
          case "confirm" -> CallerResponses.Decision.CONFIRM;
          case "reopen" -> CallerResponses.Decision.REOPEN;
          default ->
              throw new ResponseStatusException(
                  HttpStatus.BAD_REQUEST, "decision must be confirm or reopen");
        };
    if (comment.length() > MAX_COMMENT) {
      redirect.addFlashAttribute(
          "problem", "A comment may have at most " + MAX_COMMENT + " characters.");
      return "redirect:/portal/requests/" + incident.number();
    }
    try {
      final boolean sent = responses.respond(viewer, incident, chosen, comment);
      redirect.addFlashAttribute(
          "flash",
          !sent
              ? "Your answer was already received."
              : chosen == CallerResponses.Decision.CONFIRM
                  ? "Thank you for confirming. " + incident.number() + " will be closed."
                  : incident.number() + " is reopened; the service desk will look at it again.");
    } catch (IllegalTransitionException notResolved) {
      redirect.addFlashAttribute(
          "problem",
          incident.number() + " is " + state(incident) + " and cannot be confirmed or reopened.");
    }
    return "redirect:/portal/requests/" + incident.number();
  }

  private Incident ownIncident(final Viewer viewer, final String number) {
    final Incident incident = find(viewer, number);
    if (!viewer.username().equals(incident.caller())) {
      throw new AccessDeniedException(viewer.username() + " is not the caller of " + number);
    }
    return incident;
  }

  private Incident find(final Viewer viewer, final String number) {
    try {
      return access.find(viewer, number);
    } catch (IncidentNotFoundException notFound) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No incident " + number);
    }
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }

  private static String state(final Incident incident) {
    return incident.state().name().replace('_', ' ').toLowerCase(Locale.ROOT);
  }
}
