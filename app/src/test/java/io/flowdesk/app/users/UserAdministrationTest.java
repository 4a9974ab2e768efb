package io.flowdesk.app.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.TestClock;
import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.audit.AdminAction;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.directory.Role;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The admins' user pages end to end through the real filter chain: creating a user (inline errors,
 * nothing half-created), the one-time set-password link (policy errors inline, single use, expiry,
 * superseded by a newer link), editing roles and groups, and the {@link AdminAction} each change
 * publishes. This test context has no mail server, so the link is handed to the admin.
 */
@RecordApplicationEvents
class UserAdministrationTest extends WebTestSupport {

  static final String NEW_PASSWORD = "violet harbour lantern";

  @Autowired DataSource dataSource;
  @Autowired ApplicationEvents events;
  @Autowired Directory directory;
  @Autowired TestClock clock;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  static String unique(final String prefix) {
    return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates {@code username} on the admin page and answers the link's path the admin was given. */
  String create(final MockHttpSession admin, final String username, final String... roles)
      throws Exception {
    final MvcResult created =
        mvc.perform(
                post("/admin/users")
                    .session(admin)
                    .with(csrf())
                    .param("username", username)
                    .param("displayName", "New Person")
                    .param("email", username + "@example.com")
                    .param("role", roles.length == 0 ? new String[] {"END_USER"} : roles))
            .andExpect(redirectedUrl("/admin/users/" + username))
            .andReturn();
    final String link = (String) created.getFlashMap().get("handOverLink");
    assertThat(link).as("the link handed to the admin").contains("/password/");
    return URI.create(link).getPath();
  }

  private List<AdminAction> actions(final String target) {
    return events.stream(AdminAction.class).filter(a -> a.target().equals(target)).toList();
  }

  private Document page(final MockHttpServletResponse response) throws Exception {
    return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
  }

  @Test
  void aCreatedUserSetsTheirPasswordOnceThroughTheLinkWithPolicyErrorsInline() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final String username = unique("new");

    final MockHttpServletResponse refused =
        mvc.perform(
                post("/admin/users")
                    .session(admin)
                    .with(csrf())
                    .param("username", username)
                    .param("displayName", "Typed Name")
                    .param("email", "not-an-address")
                    .param("role", "AGENT"))
            .andExpect(status().isUnprocessableEntity())
            .andReturn()
            .getResponse();
    final Document form = page(refused);
    assertThat(form.select("#email-error").text()).contains("not a valid address");
    assertThat(form.select("#displayName").val()).isEqualTo("Typed Name");
    assertThat(form.select("input[name=role][value=AGENT]").hasAttr("checked")).isTrue();
    assertThat(directory.person(username)).as("nothing half-created").isEmpty();
    assertThat(actions("user:" + username)).isEmpty();

    final String link = create(admin, username, "AGENT");
    final Person created = directory.person(username).orElseThrow();
    assertThat(created.enabled()).isTrue();
    assertThat(created.roles()).containsExactly(Role.AGENT);
    assertThat(directory.passwordHash(username)).as("no password until chosen").isEmpty();
    final AdminAction action = actions("user:" + username).get(0);
    assertThat(action.actor()).isEqualTo("admin");
    assertThat(action.action()).isEqualTo("user.created");
    assertThat(action.after())
        .containsEntry("email", username + "@example.com")
        .containsEntry("roles", List.of("AGENT"));
    assertThat(action.after().keySet()).noneMatch(key -> key.toLowerCase().contains("password"));

    assertThat(html(get(link)).select("#link-username").text()).isEqualTo(username);
    final MockHttpServletResponse tooShort =
        mvc.perform(
                post(link)
                    .with(csrf())
                    .param("password", "short one")
                    .param("repeatPassword", "short one"))
            .andExpect(status().isUnprocessableEntity())
            .andReturn()
            .getResponse();
    assertThat(page(tooShort).select("#password-problems").text())
        .contains("Minimum length: the password must have at least 15 characters");
    assertThat(directory.passwordHash(username)).isEmpty();

    mvc.perform(
            post(link)
                .with(csrf())
                .param("password", NEW_PASSWORD)
                .param("repeatPassword", NEW_PASSWORD))
        .andExpect(redirectedUrl("/login"));
    mvc.perform(
            post("/login").with(csrf()).param("username", username).param("password", NEW_PASSWORD))
        .andExpect(redirectedUrl("/inbox"));

    final String hash = directory.passwordHash(username).orElseThrow();
    final MockHttpServletResponse reused =
        mvc.perform(
                post(link)
                    .with(csrf())
                    .param("password", "another fine passphrase")
                    .param("repeatPassword", "another fine passphrase"))
            .andExpect(status().isGone())
            .andReturn()
            .getResponse();
    assertThat(page(reused).select("#link-refused").text()).contains("used already");
    assertThat(directory.passwordHash(username)).contains(hash);
  }

  @Test
  void linksExpireAndANewerLinkReplacesTheOlderOne() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final String username = unique("reset");
    final String first = create(admin, username);

    final MvcResult reset =
        mvc.perform(
                post("/admin/users/" + username + "/password-reset").session(admin).with(csrf()))
            .andExpect(redirectedUrl("/admin/users/" + username))
            .andReturn();
    final String second = URI.create((String) reset.getFlashMap().get("handOverLink")).getPath();
    assertThat(actions("user:" + username))
        .extracting(AdminAction::action)
        .containsExactly("user.created", "user.password-reset-sent");

    mvc.perform(get(first)).andExpect(status().isGone());
    assertThat(html(get(first)).select("#link-refused").text()).contains("newer link");

    clock.advance(Duration.ofHours(24).plusMinutes(1));
    final MockHttpServletResponse expired =
        mvc.perform(
                post(second)
                    .with(csrf())
                    .param("password", NEW_PASSWORD)
                    .param("repeatPassword", NEW_PASSWORD))
            .andExpect(status().isGone())
            .andReturn()
            .getResponse();
    assertThat(page(expired).select("#link-refused").text()).contains("expired");
    assertThat(directory.passwordHash(username)).as("nothing changed").isEmpty();

    assertThat(html(get("/password/no-such-link")).select("#link-refused").text())
        .contains("not valid");
    mvc.perform(get("/password/no-such-link")).andExpect(status().isNotFound());
  }

  @Test
  void editingRolesGroupsAndPhonePublishesWhatChanged() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final String username = unique("edit");
    create(admin, username, "END_USER");

    final Document badPhone =
        page(
            mvc.perform(
                    post("/admin/users/" + username)
                        .session(admin)
                        .with(csrf())
                        .param("displayName", "Edited Name")
                        .param("email", username + "@example.com")
                        .param("phone", "call me maybe")
                        .param("role", "AGENT"))
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse());
    assertThat(badPhone.select("#phone-error").text()).contains("not a phone number");
    assertThat(directory.person(username).orElseThrow().roles()).containsExactly(Role.END_USER);

    mvc.perform(
            post("/admin/users/" + username)
                .session(admin)
                .with(csrf())
                .param("displayName", "Edited Name")
                .param("email", username + "@example.com")
                .param("phone", "+41 44 123 45 67")
                .param("role", "AGENT")
                .param("group", "service-desk"))
        .andExpect(redirectedUrl("/admin/users/" + username));

    final Person edited = directory.person(username).orElseThrow();
    assertThat(edited.roles()).containsExactly(Role.AGENT);
    assertThat(edited.groups()).containsExactly("service-desk");
    assertThat(directory.phone(username)).contains("+41 44 123 45 67");
    final List<AdminAction> actions = actions("user:" + username);
    assertThat(actions)
        .extracting(AdminAction::action)
        .containsExactly("user.created", "user.updated", "role.revoked", "role.granted");
    assertThat(actions.get(1).before())
        .containsOnlyKeys("displayName", "phone", "groups")
        .containsEntry("displayName", "New Person");
    assertThat(actions.get(1).after()).containsEntry("groups", List.of("service-desk"));
    assertThat(actions.get(2).before()).containsEntry("role", "END_USER");
    assertThat(actions.get(3).after()).containsEntry("role", "AGENT");

    final Document list = html(get("/admin/users").param("q", username).session(admin));
    assertThat(list.select("#users tbody tr")).hasSize(1);
    assertThat(list.select("#user-" + username.replace(".", "\\.")).text())
        .contains("Edited Name", "AGENT", "service-desk", "Enabled");
  }

  @Test
  void theLastEnabledAdministratorKeepsTheAdminRoleOnThePageAndInTheApi() throws Exception {
    final List<String> otherAdmins =
        directory.people().stream()
            .filter(p -> p.enabled() && p.roles().contains(Role.ADMIN))
            .map(Person::username)
            .filter(username -> !username.equals("admin"))
            .toList();
    final MockHttpSession admin = signIn("admin");
    final Set<Role> roles = directory.person("admin").orElseThrow().roles();
    otherAdmins.forEach(username -> directory.setEnabled(username, false));
    try {
      final Person self = directory.person("admin").orElseThrow();
      final MockHttpServletResponse refused =
          mvc.perform(
                  post("/admin/users/admin")
                      .session(admin)
                      .with(csrf())
                      .param("displayName", self.displayName())
                      .param("email", self.email())
                      .param("role", "AGENT"))
              .andExpect(status().isUnprocessableEntity())
              .andReturn()
              .getResponse();
      assertThat(page(refused).getElementById("roles-error").text())
          .isEqualTo(
              "'admin' is the last enabled administrator and keeps the ADMIN role: make someone"
                  + " else an administrator first.");
      mvc.perform(
              patch("/api/admin/users/admin")
                  .with(httpBasic("admin", DEMO_PASSWORD))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"roles\": [\"AGENT\"]}"))
          .andExpect(status().isConflict())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.field").value("roles"))
          .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("last")));
      assertThat(directory.person("admin").orElseThrow().roles()).contains(Role.ADMIN);
      assertThat(actions("user:admin")).isEmpty();

      // With another enabled administrator, the role may go.
      final String second = unique("second-admin");
      directory.addPerson(second, "Second", second + "@example.com", Set.of(Role.ADMIN), null);
      mvc.perform(
              patch("/api/admin/users/admin")
                  .with(httpBasic("admin", DEMO_PASSWORD))
                  .contentType(MediaType.APPLICATION_JSON)
                  .content("{\"roles\": [\"AGENT\"]}"))
          .andExpect(status().isOk());
      assertThat(directory.person("admin").orElseThrow().roles()).doesNotContain(Role.ADMIN);
      directory.setEnabled(second, false);
    } finally {
      directory.setRoles("admin", roles);
      otherAdmins.forEach(username -> directory.setEnabled(username, true));
    }
  }

  @Test
  void aDemotionWaitsWhileAnotherAdministratorChangeIsInProgress() throws Exception {
    // Two admins demoting each other at once must not both pass the last-administrator check:
    // while another transaction holds the administrators' lock, a demotion waits for it.
    final String target = unique("demoted-admin");
    directory.addPerson(target, "Demoted", target + "@example.com", Set.of(Role.ADMIN), null);
    final CompletableFuture<Integer> demotion;
    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (Statement lock = other.createStatement()) {
        lock.execute("SELECT pg_advisory_xact_lock(hashtext('domain.person.administrators'))");
      }
      demotion =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return mvc.perform(
                          patch("/api/admin/users/" + target)
                              .with(httpBasic("admin", DEMO_PASSWORD))
                              .contentType(MediaType.APPLICATION_JSON)
                              .content("{\"roles\": [\"AGENT\"]}"))
                      .andReturn()
                      .getResponse()
                      .getStatus();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(500);
      assertThat(demotion).isNotDone();
      other.rollback();
    }
    assertThat(demotion.get(10, TimeUnit.SECONDS)).isEqualTo(200);
    assertThat(directory.person(target).orElseThrow().roles()).containsExactly(Role.AGENT);
    directory.setEnabled(target, false);
  }

  @Test
  void anAdminCannotDisableThemselves() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final MvcResult refused =
        mvc.perform(post("/admin/users/admin/disable").session(admin).with(csrf()))
            .andExpect(redirectedUrl("/admin/users/admin"))
            .andReturn();
    assertThat((String) refused.getFlashMap().get("error")).contains("your own account");
    assertThat(directory.person("admin").orElseThrow().enabled()).isTrue();
  }

  @Test
  void groupsGetManagersAndMembersAndUnknownPeopleAreRefusedAtTheirField() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final String name = unique("team").replace(".", "-");
    final String first = member("first");
    final String second = member("second");

    final Document refused =
        page(
            mvc.perform(
                    post("/admin/groups")
                        .session(admin)
                        .with(csrf())
                        .param("name", name)
                        .param("displayName", "Team")
                        .param("managers", "manager.maria, nobody.here")
                        .param("member", first))
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse());
    assertThat(refused.select("#managers-error").text()).contains("nobody.here");
    assertThat(directory.group(name)).isEmpty();

    mvc.perform(
            post("/admin/groups")
                .session(admin)
                .with(csrf())
                .param("name", name)
                .param("displayName", "Team")
                .param("managers", "manager.maria\nadmin")
                .param("member", first, second))
        .andExpect(redirectedUrl("/admin/groups/" + name));
    assertThat(directory.managers(name)).containsExactly("manager.maria", "admin");
    assertThat(directory.group(name).orElseThrow().manager()).isEqualTo("manager.maria");
    assertThat(directory.members(name)).containsExactly(first, second);

    mvc.perform(
            post("/admin/groups/" + name)
                .session(admin)
                .with(csrf())
                .param("displayName", "Team")
                .param("managers", "admin")
                .param("member", first))
        .andExpect(redirectedUrl("/admin/groups/" + name));
    assertThat(directory.managers(name)).containsExactly("admin");
    assertThat(directory.members(name)).containsExactly(first);
    assertThat(actions("group:" + name))
        .extracting(AdminAction::action)
        .containsExactly("group.created", "group.updated");
    assertThat(actions("group:" + name).get(1).after())
        .containsOnlyKeys("managers", "members")
        .containsEntry("members", List.of(first));
  }

  /** Someone of this test's own, so that the demo people's groups stay as other tests expect. */
  private String member(final String prefix) {
    final String username = unique(prefix);
    directory.addPerson(username, "Member", username + "@example.com", Set.of(Role.AGENT), null);
    return username;
  }

  @Test
  void theSetPasswordLinkWorksWithoutASignInAndNobodyElseCanReadTheUserPages() throws Exception {
    mvc.perform(get("/admin/users")).andExpect(status().is3xxRedirection());
    final MockHttpSession alice = signIn("alice");
    mvc.perform(get("/admin/users").session(alice)).andExpect(status().isForbidden());
    mvc.perform(get("/admin/groups").session(alice)).andExpect(status().isForbidden());
    mvc.perform(
            post("/admin/users/alice")
                .session(alice)
                .with(csrf())
                .param("displayName", "Alice")
                .param("email", "alice@example.com")
                .param("role", "ADMIN"))
        .andExpect(status().isForbidden());
    assertThat(directory.person("alice").orElseThrow().roles()).doesNotContain(Role.ADMIN);
  }

  @Test
  void theManagerIsShownAndEditedAndAnUnknownOneIsRefusedAtItsField() throws Exception {
    final MockHttpSession admin = signIn("admin");
    final String username = unique("managed");
    create(admin, username, "END_USER");

    final Document unknown =
        page(
            mvc.perform(editManager(admin, username, "nobody.at.all"))
                .andExpect(status().isUnprocessableEntity())
                .andReturn()
                .getResponse());
    assertThat(unknown.select("#manager-error").text())
        .isEqualTo("There is no person 'nobody.at.all'.");
    assertThat(unknown.select("#manager").val()).isEqualTo("nobody.at.all");
    assertThat(directory.manager(username)).isEmpty();

    mvc.perform(editManager(admin, username, "agent.anna"))
        .andExpect(redirectedUrl("/admin/users/" + username));
    assertThat(directory.manager(username)).contains("agent.anna");
    assertThat(html(get("/admin/users/" + username).session(admin)).select("#manager").val())
        .isEqualTo("agent.anna");
    final AdminAction updated = actions("user:" + username).get(1);
    assertThat(updated.action()).isEqualTo("user.updated");
    assertThat(updated.before()).containsOnlyKeys("manager").containsEntry("manager", "");
    assertThat(updated.after()).containsOnlyKeys("manager").containsEntry("manager", "agent.anna");
  }

  private MockHttpServletRequestBuilder editManager(
      final MockHttpSession admin, final String username, final String manager) {
    return post("/admin/users/" + username)
        .session(admin)
        .with(csrf())
        .param("displayName", "New Person")
        .param("email", username + "@example.com")
        .param("role", "END_USER")
        .param("manager", manager);
  }
}
