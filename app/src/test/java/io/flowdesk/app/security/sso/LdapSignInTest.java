package io.flowdesk.app.security.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Person;
import io.flowdesk.domain.directory.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/**
 * LDAP bind through the sign-in form, against a real in-memory LDAP server: people and their groups
 * come from the directory server at every sign-in, local accounts keep working when it is down.
 */
class LdapSignInTest extends SingleSignOnTestSupport {

  private static final String NETWORK_ENGINEERS = "cn=Network Engineers,ou=groups," + LDAP_BASE;

  @Autowired Directory directory;

  private MvcResult attempt(final String username, final String password) throws Exception {
    return mvc.perform(
            post("/login")
                .param("username", username)
                .param("password", password)
                .with(csrf())
                .with(freshAddress()))
        .andReturn();
  }

  private String errorAfter(final MvcResult failed) throws Exception {
    assertThat(failed.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
    return html(get("/login?error").session((MockHttpSession) failed.getRequest().getSession()))
        .getElementById("login-error")
        .text();
  }

  private MockHttpSession signedIn(final String username) throws Exception {
    final MvcResult result = attempt(username, username.replace(".ldap", "") + "-ldap-password");
    assertThat(result.getResponse().getRedirectedUrl()).as(username).isIn("/portal", "/inbox");
    return (MockHttpSession) result.getRequest().getSession(false);
  }

  private static void membership(final ModificationType change, final String uid) throws Exception {
    ldap.modify(
        NETWORK_ENGINEERS,
        new Modification(change, "member", "uid=" + uid + ",ou=people," + LDAP_BASE));
  }

  @Test
  void aDirectoryUserSignsInAndIsCreatedWithTheRolesAndGroupsOfTheirLdapGroups() throws Exception {
    final MockHttpSession session = signedIn("lena.ldap");

    final Person lena = directory.person("lena.ldap").orElseThrow();
    assertThat(lena.displayName()).isEqualTo("Lena Ldap");
    assertThat(lena.email()).isEqualTo("lena@ldap.example.com");
    assertThat(lena.roles()).containsExactly(Role.AGENT);
    assertThat(lena.groups()).containsExactly("network-team");
    assertThat(html(get("/portal").session(session)).getElementById("signed-in-user").text())
        .isEqualTo("Lena Ldap");
    mvc.perform(get("/inbox").session(session)).andExpect(status().isOk());
  }

  @Test
  void groupsFollowTheDirectoryAtEverySignIn() throws Exception {
    membership(ModificationType.ADD, "dirk.ldap");
    signedIn("dirk.ldap");
    assertThat(directory.person("dirk.ldap").orElseThrow().groups())
        .containsExactly("network-team");
    assertThat(directory.person("dirk.ldap").orElseThrow().roles()).containsExactly(Role.END_USER);

    membership(ModificationType.DELETE, "dirk.ldap");
    signedIn("dirk.ldap");

    assertThat(directory.person("dirk.ldap").orElseThrow().groups()).isEmpty();
  }

  @Test
  void aWrongDirectoryPasswordReadsLikeAnyWrongPasswordAndCreatesNobody() throws Exception {
    assertThat(errorAfter(attempt("wanda.ldap", "not-her-password")))
        .isEqualTo("Wrong username or password.");
    assertThat(directory.person("wanda.ldap")).isEmpty();
  }

  @Test
  void aDirectoryUserDisabledInFlowdeskIsRefusedWithAClearMessage() throws Exception {
    signedIn("ines.ldap");
    directory.setEnabled("ines.ldap", false);

    assertThat(errorAfter(attempt("ines.ldap", "ines-ldap-password")))
        .isEqualTo("Your Flowdesk account is disabled. Please ask a Flowdesk administrator.");
  }

  @Test
  void whenTheDirectoryServerIsDownLocalAccountsStillSignInAndDirectoryUsersAreTold()
      throws Exception {
    ldap.shutDown(true);
    try {
      signIn("agent.anna");

      assertThat(errorAfter(attempt("lena.ldap", "lena-ldap-password")))
          .isEqualTo(
              "The company directory cannot be reached right now, so directory accounts cannot"
                  + " sign in. Local Flowdesk accounts still can; please try again later.");
    } finally {
      ldap.startListening();
    }
  }
}
