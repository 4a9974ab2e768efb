package io.flowdesk.app.account;

import io.flowdesk.app.security.HomePage;
import io.flowdesk.app.security.LoginThrottle;
import io.flowdesk.app.security.LoginThrottledException;
import io.flowdesk.app.security.Roles;
import io.flowdesk.app.users.PasswordChange;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.InvalidEntryException;
import io.flowdesk.domain.directory.NotificationChannel;
import io.flowdesk.domain.directory.NotificationKind;
import io.flowdesk.domain.directory.NotificationPreferences;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.workers.chat.ChatNotices;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's own account: profile (display name, email, phone, chat handle), password
 * (the current one required, the policy applies, every other session of theirs ends) and
 * notification preferences (a channel per kind of event; chat only when a notifications channel is
 * configured). Refusals are shown at their form, typed values kept.
 */
@Controller
@RequestMapping("/account")
class AccountController {

  static final String SAME_AS_BEFORE =
      "New password: choose a password other than the one you were given.";

  private final Directory directory;
  private final NotificationPreferences preferences;
  private final PasswordChange passwords;
  private final LoginThrottle throttle;
  private final ObjectProvider<ChatNotices> chat;

  AccountController(
      final Directory directory,
      final NotificationPreferences preferences,
      final PasswordChange passwords,
      final LoginThrottle throttle,
      final ObjectProvider<ChatNotices> chat) {
    this.directory = directory;
    this.preferences = preferences;
    this.passwords = passwords;
    this.throttle = throttle;
    this.chat = chat;
  }

  @GetMapping
  String account(final Principal me, final Model model) {
    final Person person = person(me);
    return page(me, model, saved(person));
  }

  @PostMapping("/profile")
  String profile(
      final Principal me,
      @RequestParam(defaultValue = "") final String displayName,
      @RequestParam(defaultValue = "") final String email,
      @RequestParam(defaultValue = "") final String phone,
      @RequestParam(defaultValue = "") final String chatHandle,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    try {
      directory.updateContact(me.getName(), displayName, email, phone, chatHandle);
    } catch (InvalidEntryException e) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("errors", Map.of(e.field(), e.getMessage()));
      return page(me, model, new Contact(displayName, email, phone, chatHandle));
    }
    redirect.addFlashAttribute("flash", "Your profile is saved.");
    return "redirect:/account";
  }

  /**
   * The password form alone: where a person who must change the password is held ({@code
   * PasswordChangeGate}), and a short way to the change for everyone else.
   */
  @GetMapping("/password")
  String passwordPage(final Principal me, final Model model) {
    model.addAttribute("username", me.getName());
    passwords.requiredBecause(me.getName()).ifPresent(why -> model.addAttribute("required", why));
    return "account/password";
  }

  @PostMapping("/password")
  String password(
      final Principal me,
      @RequestParam(defaultValue = "") final String currentPassword,
      @RequestParam(defaultValue = "") final String password,
      @RequestParam(defaultValue = "") final String repeatPassword,
      final Authentication authentication,
      final HttpServletRequest request,
      final Model model,
      final HttpServletResponse response,
      final RedirectAttributes redirect) {
    final String username = me.getName();
    final String address = request.getRemoteAddr();
    // Wrong current passwords count like failed sign-ins: a borrowed session cannot guess it.
    final Optional<Duration> wait = throttle.refusal(username, address);
    List<String> problems;
    if (wait.isPresent()) {
      problems = List.of(new LoginThrottledException(wait.get()).advice());
    } else if (!passwords.isCurrent(username, currentPassword)) {
      throttle.failed(username, address);
      problems = List.of(PasswordChange.WRONG_CURRENT);
    } else {
      problems = passwords.problems(username, password, repeatPassword);
    }
    final Optional<String> required = passwords.requiredBecause(username);
    if (problems.isEmpty() && required.isPresent() && password.equals(currentPassword)) {
      // The point of the change is a password nobody else was given.
      problems = List.of(SAME_AS_BEFORE);
    }
    if (!problems.isEmpty()) {
      response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
      model.addAttribute("passwordProblems", problems);
      if (required.isPresent()) {
        model.addAttribute("username", username);
        model.addAttribute("required", required.get());
        return "account/password";
      }
      return page(me, model, saved(person(me)));
    }
    passwords.changeOwn(username, password, request.getSession().getId());
    redirect.addFlashAttribute(
        "flash", "Your password is changed. Your other sign-ins were signed out.");
    // Held until now: on to the work they signed in for.
    return required.isPresent()
        ? "redirect:" + HomePage.of(Roles.of(authentication))
        : "redirect:/account";
  }

  @PostMapping("/notifications")
  String notifications(
      final Principal me,
      @RequestParam(name = "choice", defaultValue = "") final List<String> choices,
      final RedirectAttributes redirect) {
    final Map<NotificationKind, Set<NotificationChannel>> chosen =
        new EnumMap<>(NotificationKind.class);
    for (final NotificationKind kind : NotificationKind.values()) {
      final Set<NotificationChannel> channels = EnumSet.noneOf(NotificationChannel.class);
      for (final NotificationChannel channel : offered()) {
        if (choices.contains(kind.name() + ":" + channel.name())) {
          channels.add(channel);
        }
      }
      chosen.put(kind, channels);
    }
    preferences.choose(me.getName(), chosen);
    redirect.addFlashAttribute("flash", "Your notification preferences are saved.");
    return "redirect:/account";
  }

  private Person person(final Principal me) {
    return directory.person(me.getName()).orElseThrow();
  }

  private Contact saved(final Person person) {
    return new Contact(
        person.displayName(),
        person.email(),
        directory.phone(person.username()).orElse(""),
        directory.chatHandle(person.username()).orElse(""));
  }

  // Chat reaches a person only through the notifications channel: without one it is not offered.
  private Set<NotificationChannel> offered() {
    final Set<NotificationChannel> offered = EnumSet.allOf(NotificationChannel.class);
    if (chat.getIfUnique() == null) {
      offered.remove(NotificationChannel.CHAT);
    }
    return offered;
  }

  private String page(final Principal me, final Model model, final Contact contact) {
    model.addAttribute("username", me.getName());
    model.addAttribute("displayName", contact.displayName());
    model.addAttribute("email", contact.email());
    model.addAttribute("phone", contact.phone());
    model.addAttribute("chatHandle", contact.chatHandle());
    model.addAttribute("preferences", preferences.of(me.getName()));
    model.addAttribute("kinds", NotificationKind.values());
    model.addAttribute("channels", NotificationChannel.values());
    model.addAttribute("offered", offered());
    if (!model.containsAttribute("errors")) {
      model.addAttribute("errors", Map.of());
    }
    return "account/index";
  }

  /** The profile form's values, as saved or as typed. */
  private record Contact(String displayName, String email, String phone, String chatHandle) {}
}
