package io.flowdesk.app.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.WebTestSupport;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.NotificationChannel;
import io.flowdesk.domain.directory.NotificationKind;
import io.flowdesk.domain.directory.NotificationPreferences;
import io.flowdesk.domain.directory.Role;
import java.util.Set;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The chat handle on {@code /account}: saved next to the phone number, a malformed one refused at
 * its field with nothing saved; chat is not offered while no notifications channel is configured
 * (as in this test context).
 */
class AccountChatHandleTest extends WebTestSupport {

  @Autowired Directory directory;
  @Autowired NotificationPreferences preferences;
  @Autowired PasswordEncoder passwords;

  private String person() {
    final String username = "chat." + UUID.randomUUID().toString().substring(0, 8);
    directory.addPerson(
        username,
        "Chatty",
        username + "@example.com",
        Set.of(Role.END_USER),
        passwords.encode(DEMO_PASSWORD));
    return username;
  }

  @Test
  void aChatHandleIsSavedAndShownNextToThePhone() throws Exception {
    final String username = person();
    final MockHttpSession session = signIn(username);

    mvc.perform(
            post("/account/profile")
                .session(session)
                .with(csrf())
                .param("displayName", "Chatty")
                .param("email", username + "@example.com")
                .param("phone", "+41 44 555 01 02")
                .param("chatHandle", " U0123ABCD "))
        .andExpect(redirectedUrl("/account"));

    assertThat(directory.chatHandle(username)).contains("U0123ABCD");
    final Document page = html(get("/account").session(session));
    assertThat(page.getElementById("chatHandle").val()).isEqualTo("U0123ABCD");
    // The password form is the change-password page's fragment, shown here too.
    assertThat(page.select("#change-password input[name=currentPassword]")).hasSize(1);
  }

  @Test
  void aMalformedChatHandleIsRefusedAtItsFieldAndNothingIsSaved() throws Exception {
    final String username = person();
    final MockHttpSession session = signIn(username);

    final Document page =
        html(
            post("/account/profile")
                .session(session)
                .with(csrf())
                .param("displayName", "Renamed")
                .param("email", username + "@example.com")
                .param("phone", "+41 44 555 01 02")
                .param("chatHandle", "<@U0123ABCD>"));

    assertThat(page.getElementById("chatHandle-error").text())
        .contains("'<@U0123ABCD>' is neither a Slack member id");
    assertThat(page.getElementById("chatHandle").val()).isEqualTo("<@U0123ABCD>");
    mvc.perform(
            post("/account/profile")
                .session(session)
                .with(csrf())
                .param("displayName", "Renamed")
                .param("email", username + "@example.com")
                .param("chatHandle", "someone at example"))
        .andExpect(status().isUnprocessableEntity());
    assertThat(directory.chatHandle(username)).isEmpty();
    assertThat(directory.phone(username)).isEmpty();
    assertThat(directory.person(username).orElseThrow().displayName()).isEqualTo("Chatty");
  }

  @Test
  void withoutANotificationsChannelChatIsShownDisabledWithTheReasonAndNotStored() throws Exception {
    final String username = person();
    final MockHttpSession session = signIn(username);

    final Document page = html(get("/account").session(session));
    assertThat(page.getElementById("choice-APPROVAL_REQUESTS-CHAT").hasAttr("disabled")).isTrue();
    assertThat(page.getElementById("choice-APPROVAL_REQUESTS-SMS").hasAttr("disabled")).isFalse();
    assertThat(page.getElementById("chat-unavailable").text())
        .contains("no notifications channel is configured");

    mvc.perform(
            post("/account/notifications")
                .session(session)
                .with(csrf())
                .param("choice", "APPROVAL_REQUESTS:CHAT", "APPROVAL_REQUESTS:SMS"))
        .andExpect(redirectedUrl("/account"));
    assertThat(preferences.of(username).get(NotificationKind.APPROVAL_REQUESTS))
        .containsExactly(NotificationChannel.SMS);
  }
}
