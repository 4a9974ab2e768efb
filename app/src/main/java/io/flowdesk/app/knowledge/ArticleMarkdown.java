package io.flowdesk.app.knowledge;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An article's Markdown as HTML that is safe to insert unescaped. Two layers, so neither alone has
 * to be perfect: CommonMark renders raw HTML in the Markdown as text and drops link targets of
 * other schemes than http(s), mailto and relative ones ({@code javascript:} never becomes a link);
 * then jsoup keeps only a fixed list of elements and attributes (no scripts, styles, event handlers
 * or frames) and gives every link {@code rel="nofollow noopener noreferrer"}. Markdown has no
 * invalid input, and anything the renderer trips over anyway is shown as the text it is, never an
 * error page.
 */
@Component
public class ArticleMarkdown {

  private static final Logger LOG = LoggerFactory.getLogger(ArticleMarkdown.class);

  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  private final Cleaner cleaner =
      new Cleaner(
          Safelist.relaxed()
              .removeTags("img")
              .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer"));

  /** The Markdown as sanitised HTML. */
  public String toHtml(final String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    try {
      final Document dirty =
          org.jsoup.Jsoup.parseBodyFragment(renderer.render(parser.parse(markdown)));
      final Document clean = cleaner.clean(dirty);
      clean.outputSettings().prettyPrint(false);
      return clean.body().html();
    } catch (RuntimeException unexpected) {
      LOG.warn("Markdown not rendered, shown as text: {}", unexpected.toString());
      return "<pre>" + Entities.escape(markdown) + "</pre>";
    }
  }
}
