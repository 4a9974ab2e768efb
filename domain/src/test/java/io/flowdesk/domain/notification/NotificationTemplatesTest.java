package io.flowdesk.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.domain.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Templates as data: seeded per event, checked before they are stored, rendered safely. */
class NotificationTemplatesTest {

  static NotificationTemplates templates;

  @BeforeAll
  static void database() {
    templates =
        new NotificationTemplates(
            TestDatabase.migrated(),
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void everyEventIsSeededWithATemplateThatUsesOnlyItsOwnVariables() {
    assertThat(templates.all()).hasSize(NotificationEvent.values().length);
    for (final NotificationTemplate template : templates.all()) {
      assertThat(NotificationTemplates.problems(template)).as(template.event().key()).isEmpty();
    }
  }

  @Test
  void theSeededResolutionTextIsTodaysWithTheGreetingAndPortalLink() {
    final RenderedNotification mail =
        templates.render(
            NotificationEvent.INCIDENT_RESOLVED,
            Map.of(
                "person", Map.of("name", "Alice"),
                "record",
                    Map.of(
                        "number",
                        "INC0000007",
                        "title",
                        "Printer jam",
                        "link",
                        "https://fd.example/portal/requests/INC0000007"),
                "resolution.notes", "Cleared the tray."));

    assertThat(mail.subject()).isEqualTo("Resolved: Printer jam");
    assertThat(mail.text())
        .startsWith("Hello Alice,\n\nYour incident INC0000007 (Printer jam) has been resolved.")
        .contains("Resolution: Cleared the tray.")
        .endsWith("INC0000007 in the portal: https://fd.example/portal/requests/INC0000007");
    assertThat(mail.html()).isNull();
  }

  @Test
  void unknownVariablesAreRefusedByNameAndNothingIsWritten() {
    final NotificationTemplate before = templates.of(NotificationEvent.INCIDENT_COMMENTED);

    assertThatThrownBy(
            () ->
                templates.save(
                    before.with(
                        "On {{record.number}}",
                        "{{comment.txt}} by {{ approver.name }}",
                        "<p>{{record.secret}}</p>")))
        .isInstanceOfSatisfying(
            InvalidTemplateException.class,
            e -> {
              assertThat(e.problems()).containsOnlyKeys("text", "html");
              assertThat(e.problems().get("text"))
                  .startsWith("unknown variables {{comment.txt}}, {{approver.name}};")
                  .contains("comment.text");
              assertThat(e.problems().get("html"))
                  .startsWith("unknown variable {{record.secret}};");
            });
    assertThat(templates.of(NotificationEvent.INCIDENT_COMMENTED)).isEqualTo(before);
  }

  @Test
  void aSavedTemplateRendersValuesEscapedInHtmlOnlyAndSectionsOnlyWithAValue() {
    final NotificationTemplate saved =
        templates.save(
            templates
                .of(NotificationEvent.REQUEST_REJECTED)
                .with(
                    "  {{record.title}} rejected ",
                    "{{comment.text}}{{#record.link}} see {{record.link}}{{/record.link}}",
                    "<p>{{comment.text}}</p>{{#record.link}}<a href=\"{{record.link}}\">open</a>{{/record.link}}"));
    assertThat(saved.updatedAt()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));

    final RenderedNotification mail =
        templates.render(
            NotificationEvent.REQUEST_REJECTED,
            Map.of("record.title", "Laptop", "comment.text", "<script>x()</script> & \"more\""));

    assertThat(mail.subject()).isEqualTo("Laptop rejected");
    assertThat(mail.text()).isEqualTo("<script>x()</script> & \"more\"");
    assertThat(mail.html())
        .isEqualTo("<p>&lt;script&gt;x()&lt;/script&gt; &amp; &quot;more&quot;</p>");
  }

  @Test
  void blankPartsAndMultiLineSubjectsAreRefused() {
    final NotificationTemplate template = templates.of(NotificationEvent.SLA_WARNING);
    assertThat(NotificationTemplates.problems(template.with(" ", "", "")))
        .containsOnlyKeys("subject", "text");
    assertThat(NotificationTemplates.problems(template.with("a\nb", "x", "")))
        .containsEntry("subject", "a subject is one line");
  }
}
