package io.flowdesk.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailHtmlTest {

  @Test
  void keepsFormattingAndDropsScriptsHandlersAndScriptLinks() {
    final String clean =
        MailHtml.sanitised(
            "<p onclick=\"x()\">Hi <b>Alice</b></p><script>steal()</script>"
                + "<a href=\"javascript:x()\">bad</a><a href=\"https://fd.example/p\">ok</a>");

    assertThat(clean)
        .isEqualTo(
            "<p>Hi <b>Alice</b></p><a rel=\"noopener noreferrer\">bad</a>"
                + "<a href=\"https://fd.example/p\" rel=\"noopener noreferrer\">ok</a>");
    assertThat(MailHtml.sanitised("  ")).isEmpty();
  }
}
