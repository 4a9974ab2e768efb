package io.flowdesk.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

  @Test
  void blocksBecomeLinesAndParagraphsAreSeparated() {
    assertThat(HtmlToText.convert("<div>One</div><div>Two<br>Three</div><p>Four</p><p>Five</p>"))
        .isEqualTo("One\nTwo\nThree\nFour\n\nFive");
  }

  @Test
  void inlineMarkupAndWhitespaceCollapse() {
    assertThat(HtmlToText.convert("<p>The   <b>VPN</b>\n  <i>drops</i>&nbsp;hourly.</p>"))
        .isEqualTo("The VPN drops hourly.");
  }

  @Test
  void listItemsGetADash() {
    assertThat(HtmlToText.convert("<ul><li>Laptop</li><li>Office</li></ul>"))
        .isEqualTo("- Laptop\n- Office");
  }

  @Test
  void blockquotesAreMarkedAsQuotesSoTheyCanBeStripped() {
    final String text =
        HtmlToText.convert("<p>Yes.</p><blockquote><p>Is it fixed?</p><p>Desk</p></blockquote>");

    assertThat(text).isEqualTo("Yes.\n\n> Is it fixed?\n>\n> Desk");
    assertThat(QuotedReplyStripper.strip(text)).isEqualTo("Yes.");
  }

  @Test
  void scriptsStylesAndTheHeadAreDropped() {
    assertThat(
            HtmlToText.convert(
                "<html><head><title>T</title><style>p{}</style></head>"
                    + "<body><script>alert(1)</script><p>Body</p></body></html>"))
        .isEqualTo("Body");
  }

  @Test
  void preformattedTextKeepsItsLines() {
    assertThat(HtmlToText.convert("<pre>a  b\n  c</pre>")).isEqualTo("a  b\n  c");
  }

  @Test
  void tableCellsAreSeparatedByTabs() {
    assertThat(HtmlToText.convert("<table><tr><td>Host</td><td>web1</td></tr></table>"))
        .isEqualTo("Host\tweb1");
  }
}
