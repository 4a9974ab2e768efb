package io.flowdesk.app.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.flowdesk.app.FlowdeskApplication;
import io.flowdesk.app.mail.LocalMailServer;
import io.flowdesk.app.mail.OutboxMail;
import io.flowdesk.engine.test.SharedPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Password links by mail, with the local mail server as the mail server: a created user gets the
 * set-password mail, "Forgot password?" mails a reset link to a known account, answers the same for
 * an unknown one, and stops sending once a mailbox had its share for the hour.
 */
@SpringBootTest(
    classes = FlowdeskApplication.class,
    properties = {
      "flowdesk.mail.local-server=true",
      "flowdesk.public-url=https://flowdesk.example.com/"
    })
@DirtiesContext
class PasswordLinkMailTest {

  private static final Pattern LINK =
      Pattern.compile("https://flowdesk\\.example\\.com(/password/[A-Za-z0-9_-]+)");

  @DynamicPropertySource
  static void ownDatabase(final DynamicPropertyRegistry registry) {
    final String url = SharedPostgres.newDatabase();
    registry.add("flowdesk.db.url", () -> url);
  }

  @Autowired WebApplicationContext context;
  @Autowired LocalMailServer server;
  @Autowired JdbcClient jdbc;

  private MockMvc mvc;

  @BeforeEach
  void mockMvc() {
    mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    server.clear();
  }

  private OutboxMail mailTo(final String address, final String subject) {
    return await("the mail to " + address)
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                server.received().stream()
                    .filter(m -> m.to().contains(address) && m.subject().contains(subject))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private static String linkIn(final OutboxMail mail) {
    final Matcher link = LINK.matcher(mail.text());
    assertThat(link.find()).as("a link to the public address in:\n" + mail.text()).isTrue();
    return link.group(1);
  }

  @Test
  void aCreatedUserIsMailedAOneTimeLinkToThePublicAddress() throws Exception {
    mvc.perform(
            post("/api/admin/users")
                .with(httpBasic("admin", "demo-flowdesk-2025"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"username\":\"mailed.maya\",\"displayName\":\"Maya\","
                        + "\"email\":\"maya@example.com\",\"roles\":[\"END_USER\"]}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.passwordLinkMailed").value(true))
        .andExpect(jsonPath("$.passwordLink").doesNotExist());

    final OutboxMail mail = mailTo("maya@example.com", "Choose your Flowdesk password");
    assertThat(mail.text()).contains("Your username is mailed.maya", "works once");
    final String page =
        mvc.perform(get(linkIn(mail)))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(Jsoup.parse(page).select("#link-username").text()).isEqualTo("mailed.maya");
    // Only a digest of the link is stored.
    assertThat(
            jdbc.sql("SELECT count(*) FROM flowdesk.password_link WHERE username = 'mailed.maya'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(mail.text()).doesNotContain("localhost");
  }

  @Test
  void forgotPasswordAnswersAlikeForEveryoneMailsOnlyRealAccountsAndIsThrottled() throws Exception {
    final String known = answer("bob", "10.9.0.1");
    final String unknown = answer("nobody-by-that-name", "10.9.0.2");
    assertThat(unknown).isEqualTo(known);

    final OutboxMail mail = mailTo("bob@example.com", "Reset your Flowdesk password");
    mvc.perform(get(linkIn(mail))).andExpect(status().isOk());

    answer("bob@example.com", "10.9.0.3");
    answer("Bob", "10.9.0.4");
    await().atMost(Duration.ofSeconds(30)).until(() -> links("bob") == 3);
    // A fourth request this hour for the account, however named and from wherever, sends nothing.
    assertThat(answer("BOB@example.com", "10.9.0.5")).isEqualTo(known);
    Thread.sleep(2000);
    assertThat(links("bob")).isEqualTo(3);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                server.received().stream().filter(m -> m.to().contains("bob@example.com")).count(),
            count -> count == 3);
    assertThat(answer("", "10.9.0.6")).isEqualTo(known);
  }

  @Test
  void aPasswordResetSendsExactlyOneMail() throws Exception {
    mvc.perform(
            post("/api/admin/users/alice/password-reset")
                .with(httpBasic("admin", "demo-flowdesk-2025")))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.mailed").value(true));
    mailTo("alice@example.com", "Reset your Flowdesk password");
    answer("alice", "10.9.1.1");
    await().atMost(Duration.ofSeconds(30)).until(() -> links("alice") == 2);
    // Long enough for a second copy of either to arrive, had one been sent.
    Thread.sleep(3000);
    assertThat(
            server.received().stream()
                .filter(m -> m.to().contains("alice@example.com"))
                .map(OutboxMail::subject))
        .containsExactly("Reset your Flowdesk password", "Reset your Flowdesk password");
    assertThat(
            server.received().stream()
                .filter(m -> m.to().contains("alice@example.com"))
                .mapToInt(m -> m.deliveredTo().size()))
        .containsOnly(1);
  }

  private int links(final String username) {
    return jdbc.sql("SELECT count(*) FROM flowdesk.password_link WHERE username = :u")
        .param("u", username)
        .query(Integer.class)
        .single();
  }

  private String answer(final String account, final String address) throws Exception {
    final String body =
        mvc.perform(
                post("/password/forgot")
                    .with(csrf())
                    .with(
                        request -> {
                          request.setRemoteAddr(address);
                          return request;
                        })
                    .param("account", account))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    return Jsoup.parse(body).select("#reset-requested").text();
  }
}
