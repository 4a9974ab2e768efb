package io.flowdesk.app.cmdb;

import io.flowdesk.app.security.Viewer;
import io.flowdesk.app.system.PageNumbers;
import io.flowdesk.domain.cmdb.CiClass;
import io.flowdesk.domain.cmdb.CiNotFoundException;
import io.flowdesk.domain.cmdb.CiQuery;
import io.flowdesk.domain.cmdb.Cmdb;
import io.flowdesk.domain.cmdb.ConfigurationItem;
import io.flowdesk.domain.cmdb.Criticality;
import io.flowdesk.domain.cmdb.Environment;
import io.flowdesk.domain.cmdb.Impact;
import io.flowdesk.domain.cmdb.ImpactAnalysis;
import io.flowdesk.domain.cmdb.ImpactDirection;
import io.flowdesk.domain.cmdb.ImpactedCi;
import io.flowdesk.domain.cmdb.InvalidCiException;
import io.flowdesk.domain.cmdb.LifecycleStatus;
import io.flowdesk.domain.cmdb.RelationshipType;
import io.flowdesk.domain.incident.IncidentRecords;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The CMDB pages: CI search ({@code /cmdb}), a CI's page with its fields, attributes,
 * relationships, history and impact (list and picture), and the create and edit forms, which show
 * refused input at its field. Reading is for agents, managers and admins; changing for managers and
 * admins ({@link CmdbAccess}), as in the API.
 */
@Controller
class CmdbController {

  static final int PAGE_SIZE = 50;

  /** The CI page lists at most this many open incidents on the CI, newest first. */
  static final int OPEN_INCIDENTS = 50;

  private final Cmdb cmdb;
  private final CmdbAccess access;
  private final CmdbEditing editing;
  private final IncidentRecords incidents;

  CmdbController(
      final Cmdb cmdb,
      final CmdbAccess access,
      final CmdbEditing editing,
      final IncidentRecords incidents) {
    this.cmdb = cmdb;
    this.access = access;
    this.editing = editing;
    this.incidents = incidents;
  }

  @GetMapping("/cmdb")
  String search(
      @RequestParam(required = false) final String text,
      @RequestParam(name = "class", required = false) final String className,
      @RequestParam(required = false) final String status,
      @RequestParam(defaultValue = "0") final int page,
      final Model model) {
    final Viewer viewer = access.reader();
    LifecycleStatus wanted;
    try {
      wanted = CiInput.choice("status", status, LifecycleStatus.class);
    } catch (InvalidCiException e) {
      wanted = null;
    }
    model.addAttribute(
        "found",
        cmdb.search(
            new CiQuery(text, blankToNull(className), wanted),
            PageRequest.of(PageNumbers.within(page), PAGE_SIZE)));
    model.addAttribute("text", text);
    model.addAttribute("className", className);
    model.addAttribute("status", wanted);
    model.addAttribute("classes", cmdb.classes());
    model.addAttribute("classLabels", classLabels());
    model.addAttribute("statuses", LifecycleStatus.values());
    model.addAttribute("manages", CmdbAccess.manages(viewer));
    model.addAttribute("admin", viewer.isAdmin());
    return "cmdb/list";
  }

  @GetMapping("/cmdb/cis/new")
  String newCi(
      @RequestParam(name = "class", required = false) final String className, final Model model) {
    access.manager();
    final Map<String, String> typed = new LinkedHashMap<>();
    typed.put("class", className == null ? CiClass.SERVER : className);
    typed.put("environment", Environment.PRODUCTION.name());
    typed.put("status", LifecycleStatus.IN_SERVICE.name());
    return form(model, null, typed, Map.of());
  }

  @PostMapping("/cmdb/cis")
  String create(
      @RequestParam final Map<String, String> posted,
      final Model model,
      final RedirectAttributes redirect) {
    access.manager();
    try {
      final ConfigurationItem created = editing.create(CiInput.fromForm(posted));
      redirect.addFlashAttribute("flash", created.name() + " was created.");
      return "redirect:/cmdb/cis/" + created.id();
    } catch (InvalidCiException e) {
      return form(model, null, posted, Map.of(e.field(), e.reason()));
    }
  }

  @GetMapping("/cmdb/cis/{id}")
  String show(
      @PathVariable final String id,
      @RequestParam(defaultValue = "up") final String direction,
      @RequestParam(defaultValue = "" + ImpactAnalysis.DEFAULT_DEPTH) final int depth,
      final Model model) {
    final Viewer viewer = access.reader();
    ImpactDirection way;
    try {
      way = CiInput.choice("direction", direction, ImpactDirection.class);
    } catch (InvalidCiException e) {
      way = null;
    }
    return page(
        viewer, find(id), way == null ? ImpactDirection.UP : way, depth, Map.of(), Map.of(), model);
  }

  private String page(
      final Viewer viewer,
      final ConfigurationItem ci,
      final ImpactDirection direction,
      final int depth,
      final Map<String, String> relationshipErrors,
      final Map<String, String> relationshipTyped,
      final Model model) {
    final int limited = Math.max(1, Math.min(depth, ImpactAnalysis.MAX_DEPTH));
    final Impact impact = cmdb.impact(ci.id(), direction, limited);
    final Map<String, String> labels = classLabels();
    model.addAttribute("ci", ci);
    model.addAttribute("ciClass", cmdb.ciClass(ci.className()).orElseThrow());
    model.addAttribute("classLabels", labels);
    model.addAttribute("relationships", cmdb.relationships(ci.id()));
    model.addAttribute("history", cmdb.history(ci.id()));
    model.addAttribute("openIncidents", incidents.cis().openOn(ci.id(), OPEN_INCIDENTS));
    model.addAttribute("impact", impact);
    final Map<UUID, String> names = ImpactNames.of(impact);
    model.addAttribute(
        "impactPaths",
        impact.reached().stream()
            .collect(
                Collectors.toMap(
                    ImpactedCi::id,
                    r -> r.path().stream().map(names::get).collect(Collectors.joining(" → ")))));
    model.addAttribute("impactSvg", ImpactPicture.svg(impact, labels));
    model.addAttribute("maxDepth", ImpactAnalysis.MAX_DEPTH);
    model.addAttribute("classes", cmdb.classes());
    model.addAttribute("relationshipTypes", RelationshipType.values());
    model.addAttribute("manages", CmdbAccess.manages(viewer));
    model.addAttribute("relationshipErrors", relationshipErrors);
    model.addAttribute("relationshipTyped", relationshipTyped);
    return "cmdb/ci";
  }

  @GetMapping("/cmdb/cis/{id}/edit")
  String edit(@PathVariable final String id, final Model model) {
    access.manager();
    final ConfigurationItem ci = find(id);
    return form(model, ci, typed(ci), Map.of());
  }

  @PostMapping("/cmdb/cis/{id}")
  String update(
      @PathVariable final String id,
      @RequestParam final Map<String, String> posted,
      final Model model,
      final RedirectAttributes redirect) {
    access.manager();
    final ConfigurationItem ci = find(id);
    final Map<String, String> typed = new LinkedHashMap<>(posted);
    typed.put("class", ci.className());
    try {
      editing.update(ci.id(), CiInput.fromForm(typed));
      redirect.addFlashAttribute("flash", "Saved.");
      return "redirect:/cmdb/cis/" + ci.id();
    } catch (InvalidCiException e) {
      return form(model, ci, typed, Map.of(e.field(), e.reason()));
    }
  }

  @PostMapping("/cmdb/cis/{id}/relationships")
  String relate(
      @PathVariable final String id,
      @RequestParam(required = false) final String type,
      @RequestParam(required = false) final String targetClass,
      @RequestParam(required = false) final String targetName,
      final Model model,
      final RedirectAttributes redirect) {
    final Viewer viewer = access.manager();
    final ConfigurationItem ci = find(id);
    try {
      final RelationshipType relationshipType = CiInput.relationshipType(type);
      if (targetName == null || targetName.isBlank()) {
        throw new InvalidCiException("target", "name the CI it relates to");
      }
      final ConfigurationItem target =
          cmdb.findByName(targetClass, targetName)
              .orElseThrow(
                  () ->
                      new InvalidCiException(
                          "target",
                          "there is no "
                              + classLabels().getOrDefault(targetClass, "CI")
                              + " named "
                              + targetName.strip()));
      editing.relate(ci.id(), relationshipType, target.id());
      redirect.addFlashAttribute(
          "flash", ci.name() + " " + relationshipType.label() + " " + target.name() + ".");
      return "redirect:/cmdb/cis/" + ci.id() + "#relationships";
    } catch (InvalidCiException e) {
      final Map<String, String> typed = new LinkedHashMap<>();
      typed.put("type", type == null ? "" : type);
      typed.put("targetClass", targetClass == null ? "" : targetClass);
      typed.put("targetName", targetName == null ? "" : targetName);
      return page(
          viewer,
          ci,
          ImpactDirection.UP,
          ImpactAnalysis.DEFAULT_DEPTH,
          Map.of(e.field(), e.reason()),
          typed,
          model);
    }
  }

  @PostMapping("/cmdb/cis/{id}/relationships/{relationshipId}/delete")
  String unrelate(
      @PathVariable final String id,
      @PathVariable final long relationshipId,
      final RedirectAttributes redirect) {
    access.manager();
    final ConfigurationItem ci = find(id);
    editing.unrelate(ci.id(), relationshipId);
    redirect.addFlashAttribute("flash", "The relationship was removed.");
    return "redirect:/cmdb/cis/" + ci.id() + "#relationships";
  }

  private String form(
      final Model model,
      final ConfigurationItem ci,
      final Map<String, String> typed,
      final Map<String, String> errors) {
    final CiClass ciClass =
        cmdb.ciClass(ci == null ? typed.get("class") : ci.className())
            .orElseGet(() -> cmdb.ciClass(CiClass.SERVER).orElseThrow());
    model.addAttribute("ci", ci);
    model.addAttribute("ciClass", ciClass);
    model.addAttribute("classes", cmdb.classes());
    model.addAttribute("typed", typed);
    model.addAttribute("errors", errors);
    model.addAttribute("environments", Environment.values());
    model.addAttribute("statuses", LifecycleStatus.values());
    model.addAttribute("criticalities", Criticality.values());
    return "cmdb/form";
  }

  private static Map<String, String> typed(final ConfigurationItem ci) {
    final Map<String, String> typed = new LinkedHashMap<>();
    typed.put("class", ci.className());
    typed.put("name", ci.name());
    typed.put("owner", ci.owner());
    typed.put("supportGroup", ci.supportGroup());
    typed.put("environment", ci.environment().name());
    typed.put("status", ci.status().name());
    typed.put("criticality", ci.criticality() == null ? "" : ci.criticality().name());
    typed.put(
        "maintenanceWindow",
        ci.maintenanceWindow() == null ? "" : ci.maintenanceWindow().toString());
    ci.attributes().forEach((name, value) -> typed.put("attr." + name, String.valueOf(value)));
    return typed;
  }

  private Map<String, String> classLabels() {
    return cmdb.classes().stream()
        .collect(Collectors.toMap(CiClass::name, CiClass::label, (a, b) -> a, LinkedHashMap::new));
  }

  private ConfigurationItem find(final String id) {
    try {
      return cmdb.get(UUID.fromString(id));
    } catch (IllegalArgumentException | CiNotFoundException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such configuration item");
    }
  }

  private static String blankToNull(final String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
