package io.flowdesk.app.users;

import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.InvalidEntryException;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' group pages: every group with its managers and members, creating one, editing one.
 * Managers are given in order, one username per line (the first is the lead manager, who receives
 * SLA breach notices); members are ticked.
 */
@Controller
@RequestMapping("/admin/groups")
class GroupsController {

  private final GroupAdministration groups;
  private final Directory directory;

  GroupsController(final GroupAdministration groups, final Directory directory) {
    this.groups = groups;
    this.directory = directory;
  }

  @GetMapping
  String list(final Model model) {
    model.addAttribute("groups", groups.groups());
    return "admin/groups";
  }

  @GetMapping("/new")
  String newGroup(final Model model) {
    return form(model, null, new GroupForm("", "", List.of(), Set.of()));
  }

  @PostMapping
  String create(
      final Principal admin,
      @RequestParam(defaultValue = "") final String name,
      @RequestParam(defaultValue = "") final String displayName,
      @RequestParam(defaultValue = "") final String managers,
      @RequestParam(name = "member", defaultValue = "") final List<String> members,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final GroupForm typed = typed(name, displayName, managers, members);
    try {
      groups.create(admin.getName(), typed);
      redirect.addFlashAttribute("notice", "Group '" + typed.name() + "' created.");
      return "redirect:/admin/groups/" + typed.name();
    } catch (InvalidEntryException e) {
      return refused(model, response, null, typed, e);
    }
  }

  @GetMapping("/{name}")
  String edit(@PathVariable final String name, final Model model) {
    final GroupAdministration.Group group = groups.group(name);
    return form(
        model,
        group,
        new GroupForm(
            name, group.group().displayName(), group.managers(), Set.copyOf(group.members())));
  }

  @PostMapping("/{name}")
  String update(
      final Principal admin,
      @PathVariable final String name,
      @RequestParam(defaultValue = "") final String displayName,
      @RequestParam(defaultValue = "") final String managers,
      @RequestParam(name = "member", defaultValue = "") final List<String> members,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final GroupAdministration.Group existing = groups.group(name);
    final GroupForm typed = typed(name, displayName, managers, members);
    try {
      groups.update(admin.getName(), name, typed);
      redirect.addFlashAttribute("notice", "Group '" + name + "' saved.");
      return "redirect:/admin/groups/" + name;
    } catch (InvalidEntryException e) {
      return refused(model, response, existing, typed, e);
    }
  }

  private String refused(
      final Model model,
      final HttpServletResponse response,
      final GroupAdministration.Group existing,
      final GroupForm typed,
      final InvalidEntryException e) {
    response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
    model.addAttribute("errors", Map.of(e.field(), e.getMessage()));
    return form(model, existing, typed);
  }

  private static GroupForm typed(
      final String name,
      final String displayName,
      final String managers,
      final List<String> members) {
    return new GroupForm(
        name, displayName, List.of(managers.split("[\\s,]+")), Set.copyOf(members));
  }

  private String form(
      final Model model, final GroupAdministration.Group group, final GroupForm typed) {
    model.addAttribute("group", group);
    model.addAttribute("typed", typed);
    model.addAttribute("people", directory.people());
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return "admin/group";
  }
}
