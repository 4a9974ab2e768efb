package io.flowdesk.connectors.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * HTML that is safe to send in a mail or show in a page: only a fixed list of formatting elements
 * and attributes (jsoup's relaxed list, links with http(s) and mailto targets only), no scripts,
 * styles, event handlers, forms or frames. Admins write notification templates' HTML; this is what
 * keeps a template, or a value that slipped through escaping, from running anything.
 */
public final class MailHtml {

  private static final Cleaner CLEANER =
      new Cleaner(
          Safelist.relaxed()
              .removeProtocols("img", "src", "http")
              .addEnforcedAttribute("a", "rel", "noopener noreferrer"));

  private MailHtml() {}

  /** The body fragment with everything outside the safelist removed; blank stays empty. */
  public static String sanitised(final String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    final Document clean = CLEANER.clean(Jsoup.parseBodyFragment(html));
    clean.outputSettings().prettyPrint(false);
    return clean.body().html();
  }
}
