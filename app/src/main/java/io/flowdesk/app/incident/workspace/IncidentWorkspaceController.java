package io.flowdesk.app.incident.workspace;

import io.flowdesk.app.incident.IncidentAccess;
import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.security.Viewers;
import io.flowdesk.domain.incident.Incident;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent workspace's forms on the incident record page (same access as the page): transfer to
 * another group, assign to a member, classification with the decided or overridden priority,
 * watchers, and major incidents with their children. A refused post changes nothing and comes back
 * with the problem at its field and the input kept ({@code workspaceErrors}, {@code
 * workspaceInput}).
 */
@Controller
@RequestMapping("/incidents/{number}")
class IncidentWorkspaceController {

  private final IncidentAccess access;
  private final Viewers viewers;
  private final IncidentTransfer transfer;
  private final IncidentClassification classification;
  private final IncidentWatching watching;
  private final MajorIncidentDesk major;

  IncidentWorkspaceController(
      final IncidentAccess access,
      final Viewers viewers,
      final IncidentTransfer transfer,
      final IncidentClassification classification,
      final IncidentWatching watching,
      final MajorIncidentDesk major) {
    this.access = access;
    this.viewers = viewers;
    this.transfer = transfer;
    this.classification = classification;
    this.watching = watching;
    this.major = major;
  }

  @PostMapping("/transfer")
  String transfer(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String group,
      @RequestParam(defaultValue = "") final String transferReason,
      final RedirectAttributes redirect) {
    final Incident incident = find(number);
    final String page =
        apply(
            incident,
            "assignment",
            Map.of("group", group, "transferReason", transferReason),
            redirect,
            () -> {
              transfer.transfer(incident, group, transferReason, viewer().username());
              return incident.number() + " is transferred to " + group.strip() + ".";
            });
    // An agent who hands an incident to a group they are not in no longer sees it: they go back to
    // their inbox with the confirmation instead of to a record page that would now refuse them.
    return access.sees(viewer(), number) ? page : "redirect:/inbox";
  }

  @PostMapping("/assignee")
  String assign(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String assignee,
      final RedirectAttributes redirect) {
    final Incident incident = find(number);
    return apply(
        incident,
        "assignment",
        Map.of("assignee", assignee),
        redirect,
        () -> {
          transfer.assign(incident, assignee, viewer().username());
          return incident.number() + " is assigned to " + assignee.strip() + ".";
        });
  }

  @PostMapping("/classification")
  String classify(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String category,
      @RequestParam(defaultValue = "") final String impact,
      @RequestParam(defaultValue = "") final String urgency,
      @RequestParam(defaultValue = "") final String priority,
      @RequestParam(defaultValue = "") final String overrideReason,
      final RedirectAttributes redirect) {
    final Incident incident = find(number);
    return apply(
        incident,
        "classification",
        Map.of(
            "category", category,
            "impact", impact,
            "urgency", urgency,
            "priority", priority,
            "overrideReason", overrideReason),
        redirect,
        () ->
            "The priority is "
                + classification
                    .classify(
                        incident,
                        category,
                        impact,
                        urgency,
                        priority,
                        overrideReason,
                        viewer().username())
                    .priority()
                + ".");
  }

  @PostMapping("/watchers")
  String watch(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String watcher,
      final RedirectAttributes redirect) {
    final Incident incident = find(number);
    return apply(
        incident,
        "watchers",
        Map.of("watcher", watcher),
        redirect,
        () ->
            watching.add(incident, watcher, viewer().username()).displayName()
                + " watches "
                + incident.number()
                + ".");
  }

  @PostMapping("/watchers/remove")
  String unwatch(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String watcher,
      final RedirectAttributes redirect) {
    final Incident incident = find(number);
    watching.remove(incident, watcher, viewer().username());
    redirect.addFlashAttribute("flash", watcher + " no longer watches " + incident.number() + ".");
    return "redirect:/incidents/" + incident.number() + "#watchers";
  }

  @PostMapping("/major")
  String flagMajor(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String majorReason,
      final RedirectAttributes redirect) {
    final Incident incident = find(number);
    return apply(
        incident,
        "major-incident",
        Map.of("majorReason", majorReason),
        redirect,
        () -> {
          major.flag(incident, majorReason, viewer().username());
          return incident.number() + " is a major incident.";
        });
  }

  @PostMapping("/children")
  String linkChild(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String child,
      final RedirectAttributes redirect) {
    final Incident incident = find(number);
    return apply(
        incident,
        "major-incident",
        Map.of("child", child),
        redirect,
        () ->
            major.link(incident, child, viewer()).number()
                + " is a child of "
                + incident.number()
                + ".");
  }

  @PostMapping("/communication")
  String communicate(
      @PathVariable final String number,
      @RequestParam(defaultValue = "") final String communication,
      final RedirectAttributes redirect) {
    final Incident incident = find(number);
    return apply(
        incident,
        "major-incident",
        Map.of("communication", communication),
        redirect,
        () ->
            "The communication went to "
                + major.communicate(incident, communication, viewer().username())
                + " incidents.");
  }

  private String apply(
      final Incident incident,
      final String section,
      final Map<String, String> input,
      final RedirectAttributes redirect,
      final Supplier<String> change) {
    try {
      redirect.addFlashAttribute("flash", change.get());
    } catch (WorkspaceInputException refused) {
      redirect.addFlashAttribute("workspaceErrors", refused.problems());
      redirect.addFlashAttribute("workspaceInput", input);
      redirect.addFlashAttribute("problem", "Nothing was changed: " + refused.getMessage() + ".");
    }
    return "redirect:/incidents/" + incident.number() + "#" + section;
  }

  private Incident find(final String number) {
    return access.findForPage(viewer(), number);
  }

  private Viewer viewer() {
    return viewers.current().orElseThrow();
  }
}
