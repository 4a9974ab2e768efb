package io.flowdesk.app.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.app.FlowdeskApplication;
import java.nio.charset.StandardCharsets;
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
        .param("configurationItem", "VPN client")
        .param("urgency", "high");
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
    for (final Element field :
        form.select("input[name]:not([type=hidden]), select[name], textarea[name]")) {
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
    final Element item = input(page, "configurationItem");
    assertThat(page.getElementById(item.attr("aria-describedby")).text())
        .isEqualTo(
            "If you know it: start typing and choose from the list, e.g. \"VPN\" or \"SAP\"; it"
                + " helps to reach the right team");
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
                .param("configurationItem", "Printer 3rd floor")
                .param("urgency", "low"));

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
    assertThat(input(page, "configurationItem").val()).isEqualTo("Printer 3rd floor");
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
                "configurationItem", "VPN client",
                "urgency", "high"));
    assertThat(page.select(".fd-error-summary")).isEmpty();
  }

  @Test
  void aConditionalFieldAppearsWithItsErrorWhenThePostRevealsIt() throws Exception {
    final Document page =
        page(
            post("/forms/resolve-incident/preview")
                .param("outcome", "hold")
                .param("workNote", "Asked the vendor for a replacement part"));

    // The resolution fields are hidden on hold, so their required rules do not apply.
    assertThat(page.select(".fd-error-summary li").eachText())
        .containsExactly("On hold reason is required.");
    assertThat(input(page, "onHoldReason").attr("aria-invalid")).isEqualTo("true");
    assertThat(page.select("[name=resolutionCode], [name=resolutionNotes]")).isEmpty();
    assertThat(page.select("input[name=outcome][checked]").eachAttr("value"))
        .containsExactly("hold");
    assertThat(input(page, "workNote").wholeText())
        .isEqualTo("Asked the vendor for a replacement part");
  }

  @Test
  void resolvingAsksForTheResolutionCodeAndNotes() throws Exception {
    final Document page = page(post("/forms/resolve-incident/preview").param("outcome", "resolve"));

    assertThat(page.select(".fd-error-summary li").eachText())
        .containsExactly("Resolution code is required.", "Resolution notes is required.");
    assertThat(page.select("[name=onHoldReason]")).isEmpty();
  }

  @Test
  void theConditionalFieldIsHiddenWhileItsConditionHolds() throws Exception {
    final Document page = page(get("/forms/resolve-incident/preview"));

    assertThat(page.select("input[name=outcome][checked]").eachAttr("value"))
        .containsExactly("resolve");
    assertThat(page.select("[name=onHoldReason]")).isEmpty();
    assertThat(page.select("fieldset.fd-groupbox legend").eachText()).containsExactly("Resolution");
    assertThat(input(page, "resolutionCode").closest("fieldset.fd-groupbox")).isNotNull();
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
