package io.flowdesk.app.users;

import io.flowdesk.app.mfa.SecondFactors;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.InvalidEntryException;
import io.flowdesk.domain.directory.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The admins' user pages ({@code /admin/**} is theirs alone): the list with search, creating a user
 * (who gets a set-password mail), editing one, disabling and enabling, sending a reset link. A
 * refused entry is shown at its field with everything typed kept; nothing is saved.
 */
@Controller
@RequestMapping("/admin/users")
class UsersController {

  private static final String FORM = "admin/user";

  private final UserAdministration users;
  private final Directory directory;
  private final SecondFactors secondFactors;

  UsersController(
      final UserAdministration users,
      final Directory directory,
      final SecondFactors secondFactors) {
    this.users = users;
    this.directory = directory;
    this.secondFactors = secondFactors;
  }

  @GetMapping
  String list(@RequestParam(defaultValue = "") final String q, final Model model) {
    model.addAttribute("q", q);
    model.addAttribute("people", directory.people(q));
    return "admin/users";
  }

  @GetMapping("/new")
  String newUser(final Model model) {
    return form(
        model, null, new UserForm("", "", "", "", java.util.Set.of(Role.END_USER), null, ""));
  }

  @PostMapping
  String create(
      final Principal admin,
      @RequestParam(defaultValue = "") final String username,
      @RequestParam(defaultValue = "") final String displayName,
      @RequestParam(defaultValue = "") final String email,
      @RequestParam(defaultValue = "") final String phone,
      @RequestParam(name = "role", defaultValue = "") final List<String> roles,
      @RequestParam(name = "group", defaultValue = "") final List<String> groups,
      @RequestParam(defaultValue = "") final String manager,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final UserForm typed = typed(username, displayName, email, phone, roles, groups, manager);
    try {
      final UserAdministration.Outcome created =
          users.create(admin.getName(), withRoles(typed, roles));
      final String name = created.person().username();
      redirect.addFlashAttribute(
          "notice",
          created.unmailedLink().isPresent()
              ? "User '"
                  + name
                  + "' created. No mail server is configured: give them the link below."
              : "User '"
                  + name
                  + "' created. A link to choose a password was mailed to "
                  + created.person().email()
                  + ".");
      created.unmailedLink().ifPresent(link -> redirect.addFlashAttribute("handOverLink", link));
      return "redirect:/admin/users/" + name;
    } catch (InvalidEntryException e) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("errors", Map.of(e.field(), e.getMessage()));
      return form(model, null, typed);
    } catch (MailNotSentException e) {
      response.setStatus(HttpStatus.BAD_GATEWAY.value());
      model.addAttribute("error", e.getMessage() + " Nothing was saved.");
      return form(model, null, typed);
    }
  }

  @GetMapping("/{username}")
  String edit(@PathVariable final String username, final Model model) {
    final UserAdministration.User user = users.user(username);
    return form(
        model,
        user,
        new UserForm(
            username,
            user.person().displayName(),
            user.person().email(),
            user.phone(),
            user.person().roles(),
            user.person().groups(),
            user.manager()));
  }

  @PostMapping("/{username}")
  String update(
      final Principal admin,
      @PathVariable final String username,
      @RequestParam(defaultValue = "") final String displayName,
      @RequestParam(defaultValue = "") final String email,
      @RequestParam(defaultValue = "") final String phone,
      @RequestParam(name = "role", defaultValue = "") final List<String> roles,
      @RequestParam(name = "group", defaultValue = "") final List<String> groups,
      @RequestParam(defaultValue = "") final String manager,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final UserAdministration.User existing = users.user(username);
    final UserForm typed = typed(username, displayName, email, phone, roles, groups, manager);
    try {
      users.update(admin.getName(), username, withRoles(typed, roles));
      redirect.addFlashAttribute("notice", "User '" + username + "' saved.");
      return "redirect:/admin/users/" + username;
    } catch (InvalidEntryException e) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("errors", Map.of(e.field(), e.getMessage()));
      return form(model, existing, typed);
    }
  }

  @PostMapping("/{username}/disable")
  String disable(
      final Principal admin,
      @PathVariable final String username,
      final RedirectAttributes redirect) {
    return act(
        redirect,
        username,
        () -> users.disable(admin.getName(), username),
        "User '" + username + "' disabled: signed out everywhere, API tokens refused.");
  }

  @PostMapping("/{username}/enable")
  String enable(
      final Principal admin,
      @PathVariable final String username,
      final RedirectAttributes redirect) {
    return act(
        redirect,
        username,
        () -> users.enable(admin.getName(), username),
        "User '" + username + "' enabled.");
  }

  @PostMapping("/{username}/password-reset")
  String passwordReset(
      final Principal admin,
      @PathVariable final String username,
      final RedirectAttributes redirect) {
    try {
      final Optional<String> unmailed = users.sendPasswordReset(admin.getName(), username);
      redirect.addFlashAttribute(
          "notice",
          unmailed.isPresent()
              ? "No mail server is configured: give '" + username + "' the link below."
              : "A password reset link was mailed to '" + username + "'.");
      unmailed.ifPresent(link -> redirect.addFlashAttribute("handOverLink", link));
    } catch (InvalidEntryException | MailNotSentException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/admin/users/" + username;
  }

  private static String act(
      final RedirectAttributes redirect,
      final String username,
      final Runnable action,
      final String notice) {
    try {
      action.run();
      redirect.addFlashAttribute("notice", notice);
    } catch (InvalidEntryException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/admin/users/" + username;
  }

  // Unknown role names cannot come from the page's checkboxes; from a crafted post they are
  // refused.
  private static UserForm withRoles(final UserForm typed, final List<String> roles) {
    return new UserForm(
        typed.username(),
        typed.displayName(),
        typed.email(),
        typed.phone(),
        UserForm.roles(roles),
        typed.groups(),
        typed.manager());
  }

  private static UserForm typed(
      final String username,
      final String displayName,
      final String email,
      final String phone,
      final List<String> roles,
      final List<String> groups,
      final String manager) {
    final java.util.Set<Role> known = java.util.EnumSet.noneOf(Role.class);
    for (final Role role : Role.values()) {
      if (roles.contains(role.name())) {
        known.add(role);
      }
    }
    return new UserForm(
        username,
        displayName,
        email,
        phone,
        known,
        groups.stream().filter(g -> !g.isBlank()).collect(java.util.stream.Collectors.toSet()),
        manager);
  }

  private String form(final Model model, final UserAdministration.User user, final UserForm typed) {
    model.addAttribute("user", user);
    model.addAttribute("typed", typed);
    model.addAttribute("allRoles", Role.values());
    model.addAttribute("allGroups", directory.groups());
    model.addAttribute(
        "secondFactor", user != null && secondFactors.isEnrolled(user.person().username()));
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return FORM;
  }
}
