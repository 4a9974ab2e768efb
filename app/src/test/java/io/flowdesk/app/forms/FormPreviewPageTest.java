package io.flowdesk.app.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.app.FlowdeskApplication;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

// Same context configuration as the other app tests, so the cached context is reused.
@SpringBootTest(classes = FlowdeskApplication.class)
class FormPreviewPageTest {

  private static final String REPORT = "/forms/report-incident/preview";

  @Autowired WebApplicationContext context;
  @Autowired ObjectMapper json;

  private MockMvc mvc;

  @BeforeEach
  void mockMvc() {
    mvc = MockMvcBuilders.webAppContextSetup(context).build();
  }

  private Document page(final RequestBuilder request) throws Exception {
    final String html =
        mvc.perform(request)
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    return Jsoup.parse(html);
  }

  private static MockHttpServletRequestBuilder validReport() {
    return post(REPORT)
        .param("shortDescription", "VPN drops every few minutes")
        .param("description", "Since this morning")
        .param("category", "network")
        .param("impact", "medium")
        .param("urgency", "high")
        .param("contactPhone", "+49 30 1234567")
        .param("stopsWork", "true");
  }

  private static Element input(final Document page, final String name) {
    final Element input = page.selectFirst("[name=" + name + "]");
    assertThat(input).as("input named %s", name).isNotNull();
    return input;
  }

  @Test
  void theFormsPageListsThePackagedForms() throws Exception {
    final Document page = page(get("/forms"));

    assertThat(page.select("a").eachAttr("href"))
        .contains(REPORT, "/forms/resolve-incident/preview");
  }

  @Test
  void previewRendersEveryFieldWithItsLabelAndDescription() throws Exception {
    final Document page = page(get(REPORT));

    final Element form = page.selectFirst("form#fd-form-report-incident");
    assertThat(form.attr("method")).isEqualTo("post");
    assertThat(form.attr("action")).isEqualTo(REPORT);
    for (final Element field : form.select("input[name], select[name], textarea[name]")) {
      final boolean labelled =
          !page.select("label[for=" + field.id() + "]").isEmpty()
              || field.closest("fieldset") != null
                  && field.closest("fieldset").selectFirst("legend") != null;
      assertThat(labelled).as("%s has a label", field.attr("name")).isTrue();
    }
    final Element summary = input(page, "shortDescription");
    assertThat(summary.hasAttr("required")).isTrue();
    assertThat(page.selectFirst("label[for=" + summary.id() + "]").text())
        .isEqualTo("Short description *");
    final Element phone = input(page, "contactPhone");
    assertThat(page.getElementById(phone.attr("aria-describedby")).text())
        .isEqualTo("International format, e.g. +49 30 1234567");
    assertThat(page.select("input[name=impact][checked]").eachAttr("value")).containsExactly("low");
    assertThat(page.select("select[name=category] option").eachAttr("value"))
        .containsExactly("", "network", "hardware", "software", "access", "other");
    assertThat(page.selectFirst(".fd-markdown h3").text()).isEqualTo("Report an incident");
    assertThat(page.selectFirst(".fd-markdown a").attr("href"))
        .isEqualTo("https://status.example.com");
    assertThat(page.select("input[name=_csrf]")).isEmpty();
  }

  @Test
  void aMissingRequiredFieldComesBackWithItsErrorAndTheTypedInputKept() throws Exception {
    final Document page =
        page(
            post(REPORT)
                .param("description", "Typed by the user\r\nover two lines")
                .param("category", "hardware")
                .param("impact", "high")
                .param("urgency", "low")
                .param("stopsWork", "true"));

    final Element summary = input(page, "shortDescription");
    assertThat(summary.attr("aria-invalid")).isEqualTo("true");
    final Element error = page.getElementById(summary.id() + "-error");
    assertThat(summary.attr("aria-describedby")).contains(error.id());
    assertThat(error.text()).isEqualTo("Error: Short description is required.");
    assertThat(page.select(".fd-error-summary a").eachAttr("href"))
        .containsExactly("#" + summary.id());
    assertThat(input(page, "description").wholeText())
        .isEqualTo("Typed by the user\r\nover two lines");
    assertThat(page.select("select[name=category] option[selected]").eachAttr("value"))
        .containsExactly("hardware");
    assertThat(page.select("input[name=impact][checked]").eachAttr("value"))
        .containsExactly("high");
    assertThat(input(page, "stopsWork").hasAttr("checked")).isTrue();
    assertThat(page.getElementById("variables")).isNull();
  }

  @Test
  void htmlTypedIntoAFieldComesBackEscaped() throws Exception {
    final String attack = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
    final MockHttpServletRequestBuilder request = post(REPORT).param("shortDescription", attack);

    final String html =
        mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

    assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x");
    final Document page = Jsoup.parse(html);
    assertThat(page.select("script, img")).isEmpty();
    assertThat(input(page, "shortDescription").val()).isEqualTo(attack);
  }

  @Test
  void aPostedFieldTheFormDoesNotHaveIsRejectedByName() throws Exception {
    final Document page = page(validReport().param("isAdmin", "true"));

    assertThat(page.select(".fd-error-summary li").eachText())
        .containsExactly("\"isAdmin\" is not a field of this form.");
    assertThat(page.getElementById("variables")).isNull();
    assertThat(input(page, "shortDescription").val()).isEqualTo("VPN drops every few minutes");
  }

  @Test
  void aValidPostShowsTheVariablesTheTaskWouldBeCompletedWith() throws Exception {
    final Document page = page(validReport());

    final Map<?, ?> variables = json.readValue(page.getElementById("variables").text(), Map.class);
    assertThat(variables)
        .isEqualTo(
            Map.of(
                "shortDescription", "VPN drops every few minutes",
                "description", "Since this morning",
                "category", "network",
                "impact", "medium",
                "urgency", "high",
                "contactPhone", "+49 30 1234567",
                "stopsWork", true));
    assertThat(page.select(".fd-error-summary")).isEmpty();
  }

  @Test
  void aConditionalFieldAppearsWithItsErrorWhenThePostRevealsIt() throws Exception {
    final Document page =
        page(
            post("/forms/resolve-incident/preview")
                .param("state", "On hold")
                .param("resolutionCode", "workaround")
                .param("resolutionNotes", "Restarted the VPN concentrator")
                .param("minutesSpent", "30")
                .param("checksDone", "user-confirmed", "kb-updated")
                .param("affectedServices", "vpn")
                .param("resolvedAt", "2025-03-10T14:30"));

    assertThat(page.select(".fd-error-summary li").eachText())
        .containsExactly("On hold reason is required.");
    assertThat(input(page, "onHoldReason").attr("aria-invalid")).isEqualTo("true");
    assertThat(page.select("input[name=checksDone][checked]").eachAttr("value"))
        .containsExactly("user-confirmed", "kb-updated");
    assertThat(page.select("select[name=affectedServices] option[selected]").eachAttr("value"))
        .isEqualTo(List.of("vpn"));
    assertThat(input(page, "resolvedAt").val()).isEqualTo("2025-03-10T14:30");
  }

  @Test
  void theConditionalFieldIsHiddenWhileItsConditionHolds() throws Exception {
    final Document page = page(get("/forms/resolve-incident/preview"));

    assertThat(page.select("[name=onHoldReason]")).isEmpty();
    assertThat(page.select("fieldset.fd-groupbox legend").eachText()).containsExactly("Time spent");
    assertThat(input(page, "minutesSpent").closest("fieldset.fd-groupbox")).isNotNull();
  }

  @Test
  void aCsrfTokenOnTheRequestIsRenderedIntoTheForm() throws Exception {
    final Document page = page(get(REPORT).requestAttr("_csrf", new Token("_csrf", "t0k3n")));

    assertThat(page.select("form input[type=hidden][name=_csrf]").eachAttr("value"))
        .containsExactly("t0k3n");
  }

  @Test
  void anUnknownFormIsNotFound() throws Exception {
    mvc.perform(get("/forms/no-such-form/preview")).andExpect(status().isNotFound());
  }

  /** Shaped like Spring Security's CsrfToken, which the template reads by property. */
  public static final class Token {
    private final String parameterName;
    private final String token;

    Token(final String parameterName, final String token) {
      this.parameterName = parameterName;
      this.token = token;
    }

    public String getParameterName() {
      return parameterName;
    }

    public String getToken() {
      return token;
    }
  }
}
