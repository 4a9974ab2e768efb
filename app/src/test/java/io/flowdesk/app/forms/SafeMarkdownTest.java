package io.flowdesk.app.forms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeMarkdownTest {

  @Test
  void paragraphsAreSeparatedByBlankLinesAndJoinedWithin() {
    assertThat(SafeMarkdown.toHtml("first line\nsame paragraph\n\nsecond"))
        .isEqualTo("<p>first line same paragraph</p>\n<p>second</p>");
  }

  @Test
  void boldItalicsAndCode() {
    assertThat(SafeMarkdown.toHtml("**bold**, *italic*, _also italic_ and `a*b*c`"))
        .isEqualTo(
            "<p><strong>bold</strong>, <em>italic</em>, <em>also italic</em> and"
                + " <code>a*b*c</code></p>");
  }

  @Test
  void snakeCaseWordsStayAsTheyAre() {
    assertThat(SafeMarkdown.toHtml("set max_retry_count")).isEqualTo("<p>set max_retry_count</p>");
  }

  @Test
  void bulletedAndNumberedLists() {
    assertThat(SafeMarkdown.toHtml("Intro\n- one\n- two\n  continued\n\n1. first\n2. second"))
        .isEqualTo(
            "<p>Intro</p>\n<ul>\n<li>one</li>\n<li>two continued</li>\n</ul>\n"
                + "<ol>\n<li>first</li>\n<li>second</li>\n</ol>");
  }

  @Test
  void headingsStartBelowThePageHeading() {
    assertThat(SafeMarkdown.toHtml("# Report\n## Details"))
        .isEqualTo("<h2>Report</h2>\n<h3>Details</h3>");
  }

  @Test
  void httpAndHttpsLinksBecomeAnchors() {
    assertThat(SafeMarkdown.toHtml("See [status *page*](https://status.example.com/?a=1&b=2)."))
        .isEqualTo(
            "<p>See <a href=\"https://status.example.com/?a=1&amp;b=2\" rel=\"noopener"
                + " noreferrer\">status <em>page</em></a>.</p>");
  }

  @Test
  void linksToOtherSchemesShowOnlyTheirText() {
    assertThat(SafeMarkdown.toHtml("[click](javascript:alert(1)) [data](data:text/html,x)"))
        .isEqualTo("<p>click) data</p>");
  }

  @Test
  void htmlInTheSourceIsEscaped() {
    assertThat(SafeMarkdown.toHtml("<script>alert('x')</script> & <b onclick=\"y\">"))
        .isEqualTo(
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b"
                + " onclick=&quot;y&quot;&gt;</p>");
  }

  @Test
  void aLinkAddressCannotBreakOutOfItsAttribute() {
    assertThat(SafeMarkdown.toHtml("[x](https://a.example/\"onmouseover=\"alert(1))"))
        .doesNotContain("\"onmouseover")
        .contains("href=\"https://a.example/&quot;onmouseover=&quot;alert(1\"");
  }

  @Test
  void emptySourceGivesNothing() {
    assertThat(SafeMarkdown.toHtml(null)).isEmpty();
    assertThat(SafeMarkdown.toHtml("  \n ")).isEmpty();
  }
}
