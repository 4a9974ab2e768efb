package io.flowdesk.app.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small part of Markdown that form texts use, turned into HTML that is safe to insert
 * unescaped: paragraphs, headings, bulleted and numbered lists, bold, italics, inline code and
 * links to http(s) addresses. All other text, including any HTML in the source, is escaped; links
 * to other schemes (javascript:, data:...) show only their text.
 *
 * <p>Values filled into a form's text (a caller's short description, say) are {@link Literals}:
 * they stand in the source as placeholders while the Markdown is read and are put in afterwards,
 * escaped, so markup in a value is shown as written and cannot become a link, a list or a heading.
 */
final class SafeMarkdown {

  private static final Pattern BULLET = Pattern.compile("^\\s*[-*+]\\s+(.*)$");
  private static final Pattern NUMBERED = Pattern.compile("^\\s*\\d{1,9}[.)]\\s+(.*)$");
  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]*)\\)");
  private static final Pattern SAFE_URL = Pattern.compile("^https?://[^\\s\u0000]+$");
  private static final Pattern STRONG = Pattern.compile("\\*\\*(.+?)\\*\\*|__(.+?)__");
  private static final Pattern EMPHASIS =
      Pattern.compile(
          "(?<![\\w*])\\*(?!\\s)(.+?)(?<!\\s)\\*|(?<![\\w_])_(?!\\s)(.+?)(?<!\\s)_(?!\\w)");
  private static final Pattern TOKEN = Pattern.compile("\u0000(\\d+)\u0000");
  // A private-use character: not whitespace, so trimming lines keeps it, and not markup.
  private static final String LITERAL_MARK = "\uE000";
  private static final Pattern LITERAL = Pattern.compile(LITERAL_MARK + "(\\d+)" + LITERAL_MARK);

  /** Values to be shown as written in one text, each by the placeholder it answered. */
  static final class Literals {
    private final List<String> values = new ArrayList<>();

    /** The placeholder that {@link #toHtml(String, Literals)} replaces with {@code value}. */
    String placeholder(final String value) {
      values.add(value);
      return LITERAL_MARK + (values.size() - 1) + LITERAL_MARK;
    }
  }

  private SafeMarkdown() {}

  /** HTML for Markdown source; null or blank source gives an empty string. */
  static String toHtml(final String markdown) {
    return toHtml(markdown == null ? null : markdown.replace(LITERAL_MARK, ""), new Literals());
  }

  /**
   * HTML for Markdown source holding placeholders of {@code literals}; each is replaced by its
   * value as escaped text, after the Markdown is read.
   */
  static String toHtml(final String markdown, final Literals literals) {
    final String html = markup(markdown);
    return LITERAL
        .matcher(html)
        .replaceAll(
            mark -> {
              final int index = Integer.parseInt(mark.group(1));
              return Matcher.quoteReplacement(
                  index < literals.values.size() ? escape(literals.values.get(index)) : "");
            });
  }

  private static String markup(final String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    final String source = markdown.replace("\u0000", "").replace("\r\n", "\n").replace('\r', '\n');
    final StringBuilder html = new StringBuilder();
    final List<String> paragraph = new ArrayList<>();
    final List<String> items = new ArrayList<>();
    String listTag = null;
    for (final String line : source.split("\n", -1)) {
      final Matcher bullet = BULLET.matcher(line);
      final Matcher numbered = NUMBERED.matcher(line);
      final Matcher heading = HEADING.matcher(line);
      final String itemTag = bullet.matches() ? "ul" : numbered.matches() ? "ol" : null;
      if (line.isBlank() || heading.matches() || (itemTag != null && !itemTag.equals(listTag))) {
        flushParagraph(paragraph, html);
        flushList(listTag, items, html);
        listTag = null;
      }
      if (line.isBlank()) {
        continue;
      }
      if (heading.matches()) {
        // The page owns h1; form headings start one level below.
        final int level = Math.min(heading.group(1).length() + 1, 6);
        html.append("<h").append(level).append('>');
        html.append(inline(heading.group(2))).append("</h").append(level).append(">\n");
      } else if (itemTag != null) {
        flushParagraph(paragraph, html);
        listTag = itemTag;
        items.add((bullet.matches() ? bullet : numbered).group(1));
      } else if (listTag != null) {
        // A line without a marker continues the list item above it.
        items.set(items.size() - 1, items.get(items.size() - 1) + " " + line.trim());
      } else {
        paragraph.add(line.trim());
      }
    }
    flushParagraph(paragraph, html);
    flushList(listTag, items, html);
    return html.toString().trim();
  }

  private static void flushParagraph(final List<String> lines, final StringBuilder html) {
    if (!lines.isEmpty()) {
      html.append("<p>").append(inline(String.join(" ", lines))).append("</p>\n");
      lines.clear();
    }
  }

  private static void flushList(
      final String tag, final List<String> items, final StringBuilder html) {
    if (tag != null && !items.isEmpty()) {
      html.append('<').append(tag).append(">\n");
      items.forEach(item -> html.append("<li>").append(inline(item)).append("</li>\n"));
      html.append("</").append(tag).append(">\n");
    }
    items.clear();
  }

  /** Inline markup of one block; code spans and links are set aside so emphasis cannot reach in. */
  private static String inline(final String text) {
    final List<String> kept = new ArrayList<>();
    String html = escape(text);
    html = setAside(CODE, html, kept, code -> "<code>" + code.group(1) + "</code>");
    html =
        setAside(
            LINK,
            html,
            kept,
            link -> {
              final String label = emphasis(link.group(1));
              final String url = link.group(2);
              return SAFE_URL.matcher(url).matches()
                  ? "<a href=\"" + url + "\" rel=\"noopener noreferrer\">" + label + "</a>"
                  : label;
            });
    html = emphasis(html);
    return restore(html, kept);
  }

  private static String emphasis(final String html) {
    final String strong =
        STRONG
            .matcher(html)
            .replaceAll(
                match ->
                    Matcher.quoteReplacement(
                        "<strong>" + first(match.group(1), match.group(2)) + "</strong>"));
    return EMPHASIS
        .matcher(strong)
        .replaceAll(
            match ->
                Matcher.quoteReplacement("<em>" + first(match.group(1), match.group(2)) + "</em>"));
  }

  private static String setAside(
      final Pattern pattern,
      final String html,
      final List<String> kept,
      final Function<Matcher, String> render) {
    final Matcher matcher = pattern.matcher(html);
    final StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      kept.add(restore(render.apply(matcher), kept));
      matcher.appendReplacement(result, "\u0000" + (kept.size() - 1) + "\u0000");
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private static String restore(final String html, final List<String> kept) {
    return TOKEN
        .matcher(html)
        .replaceAll(token -> Matcher.quoteReplacement(kept.get(Integer.parseInt(token.group(1)))));
  }

  private static String first(final String a, final String b) {
    return a != null ? a : b;
  }

  static String escape(final String text) {
    final StringBuilder escaped = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
