package io.flowdesk.app.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.app.apitoken.PersonalTokens;
import io.flowdesk.app.apitoken.TokenScope;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * {@code /api/admin/users} and {@code /api/admin/groups}: JSON for admins, problem documents naming
 * the refused field, the same permission checks as the pages (everybody else gets 403, whatever
 * their credentials), and CSRF for requests that ride on the session.
 */
class UserAdministrationApiTest extends WebTestSupport {

  @Autowired Directory directory;
  @Autowired PersonalTokens tokens;

  private static RequestPostProcessor as(final String username) {
    return httpBasic(username, DEMO_PASSWORD);
  }

  private static MockHttpServletRequestBuilder json(
      final MockHttpServletRequestBuilder request, final String body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private static String user(final String username, final String email) {
    return "{\"username\":\""
        + username
        + "\",\"displayName\":\"Api Person\",\"email\":\""
        + email
        + "\",\"roles\":[\"end_user\"],\"groups\":[\"service-desk\"]}";
  }

  @Test
  void anAdminCreatesEditsAndDisablesUsersAndRefusedFieldsAreNamed() throws Exception {
    final String username = UserAdministrationTest.unique("api");

    mvc.perform(json(post("/api/admin/users"), user(username, "nope")).with(as("admin")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.field").value("email"))
        .andExpect(jsonPath("$.errors.email").value("email 'nope' is not a valid address"));
    // The phone is refused after the person row was written: the whole creation is rolled back.
    mvc.perform(
            json(
                    post("/api/admin/users"),
                    user(username, username + "@example.com").replace("{", "{\"phone\":\"x\","))
                .with(as("admin")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("phone"));
    mvc.perform(json(post("/api/admin/users"), "{\"username\": 12, ").with(as("admin")))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    assertThat(directory.person(username)).isEmpty();

    mvc.perform(
            json(post("/api/admin/users"), user(username, username + "@example.com"))
                .with(as("admin")))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/admin/users/" + username))
        .andExpect(jsonPath("$.roles[0]").value("END_USER"))
        .andExpect(jsonPath("$.groups[0]").value("service-desk"))
        .andExpect(jsonPath("$.enabled").value(true))
        .andExpect(jsonPath("$.passwordLinkMailed").value(false))
        .andExpect(jsonPath("$.passwordLink").isString());
    mvc.perform(
            json(post("/api/admin/users"), user(username, username + "@example.com"))
                .with(as("admin")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("username"));

    mvc.perform(
            json(patch("/api/admin/users/" + username), "{\"roles\":[\"agent\", \"root\"]}")
                .with(as("admin")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("roles"));
    mvc.perform(
            json(
                    patch("/api/admin/users/" + username),
                    "{\"roles\":[\"agent\"],\"phone\":\"0441\"}")
                .with(as("admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.roles[0]").value("AGENT"))
        .andExpect(jsonPath("$.phone").value("0441"))
        .andExpect(jsonPath("$.displayName").value("Api Person"))
        .andExpect(jsonPath("$.groups[0]").value("service-desk"));
    mvc.perform(
            json(patch("/api/admin/users/" + username), "{\"manager\":\"nobody.at.all\"}")
                .with(as("admin")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.manager").value("There is no person 'nobody.at.all'."));
    mvc.perform(
            json(patch("/api/admin/users/" + username), "{\"manager\":\"agent.anna\"}")
                .with(as("admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.manager").value("agent.anna"))
        .andExpect(jsonPath("$.phone").value("0441"));
    assertThat(directory.manager(username)).contains("agent.anna");

    mvc.perform(post("/api/admin/users/" + username + "/disable").with(as("admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.enabled").value(false));
    mvc.perform(get("/api/admin/users").param("q", username).with(as("admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].enabled").value(false));
    mvc.perform(get("/api/admin/users/nobody.at.all").with(as("admin")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void groupsAreCreatedWithManagersAndMembersOrNotAtAll() throws Exception {
    final String name = UserAdministrationTest.unique("api-team").replace(".", "-");
    final String member = UserAdministrationTest.unique("member");
    directory.addPerson(member, "Member", member + "@example.com", Set.of(Role.AGENT), null);

    mvc.perform(
            json(
                    post("/api/admin/groups"),
                    "{\"name\":\""
                        + name
                        + "\",\"displayName\":\"Api team\",\"managers\":[\"manager.maria\"],"
                        + "\"members\":[\""
                        + member
                        + "\",\"ghost\"]}")
                .with(as("admin")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("members"))
        .andExpect(jsonPath("$.detail").value("there is no person 'ghost'"));
    assertThat(directory.group(name)).isEmpty();

    mvc.perform(
            json(
                    post("/api/admin/groups"),
                    "{\"name\":\""
                        + name
                        + "\",\"displayName\":\"Api team\",\"managers\":[\"manager.maria\"],"
                        + "\"members\":[\""
                        + member
                        + "\"]}")
                .with(as("admin")))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.managers[0]").value("manager.maria"))
        .andExpect(jsonPath("$.members[0]").value(member));
    mvc.perform(
            json(patch("/api/admin/groups/" + name), "{\"managers\":[\"admin\",\"manager.maria\"]}")
                .with(as("admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.managers[0]").value("admin"))
        .andExpect(jsonPath("$.managers[1]").value("manager.maria"))
        .andExpect(jsonPath("$.members[0]").value(member));
    assertThat(directory.group(name).orElseThrow().manager()).isEqualTo("admin");
  }

  @Test
  void nobodyButAnAdminGetsInWhateverTheirCredentials() throws Exception {
    mvc.perform(get("/api/admin/users")).andExpect(status().isUnauthorized());
    for (final String person : new String[] {"alice", "agent.anna", "manager.maria"}) {
      mvc.perform(get("/api/admin/users").with(as(person)))
          .andExpect(status().isForbidden())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
      mvc.perform(get("/api/admin/groups").with(as(person))).andExpect(status().isForbidden());
    }
    // Alice tries to make herself an admin, with her password, her session and her own token.
    mvc.perform(json(patch("/api/admin/users/alice"), "{\"roles\":[\"ADMIN\"]}").with(as("alice")))
        .andExpect(status().isForbidden());
    mvc.perform(
            json(patch("/api/admin/users/alice"), "{\"roles\":[\"ADMIN\"]}")
                .session(signIn("alice"))
                .with(csrf()))
        .andExpect(status().isForbidden());
    final String token =
        tokens
            .issue("alice", "sneaky", Set.of(TokenScope.READ, TokenScope.WRITE), Duration.ofDays(1))
            .text();
    mvc.perform(
            json(patch("/api/admin/users/alice"), "{\"roles\":[\"ADMIN\"]}")
                .header("Authorization", "Bearer " + token))
        .andExpect(status().isForbidden());
    mvc.perform(
            json(post("/api/admin/groups"), "{\"name\":\"alices\",\"displayName\":\"A\"}")
                .with(as("alice")))
        .andExpect(status().isForbidden());
    assertThat(directory.person("alice").orElseThrow().roles()).doesNotContain(Role.ADMIN);
    assertThat(directory.group("alices")).isEmpty();
  }

  @Test
  void aSessionRequestNeedsItsCsrfToken() throws Exception {
    final String username = UserAdministrationTest.unique("csrf");
    final var admin = signIn("admin");
    mvc.perform(
            json(post("/api/admin/users"), user(username, username + "@example.com"))
                .session(admin))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("CSRF")));
    assertThat(directory.person(username)).isEmpty();
    mvc.perform(
            json(post("/api/admin/users"), user(username, username + "@example.com"))
                .session(admin)
                .with(csrf()))
        .andExpect(status().isCreated());
  }
}
