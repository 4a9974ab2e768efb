package io.flowdesk.connectors.rpa;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads an HTML table into row maps keyed by its header cells, page after page. A next-page click
 * may load a new document or redraw the table in place; either way the next page counts as arrived
 * once the table shows a row that was not there before the click.
 */
final class TableScraper {

  private static final String SEEN = "data-flowdesk-seen";

  /** Answers {headers: [...], rows: [[...], ...]} or {error: "..."} for a non-table element. */
  private static final String READ_TABLE =
      """
      table => {
        if (!(table instanceof HTMLTableElement)) {
          return { error: 'is a <' + table.tagName.toLowerCase() + '>, not a <table>' };
        }
        const text = row => Array.from(row.cells).map(cell => cell.innerText.trim());
        const rows = Array.from(table.rows);
        const isHeader = row => row.parentElement.tagName === 'THEAD'
            || (row.cells.length > 0 && Array.from(row.cells).every(c => c.tagName === 'TH'));
        const header = rows.find(isHeader);
        if (!header) {
          return { error: 'has no header row (<thead> or a row of <th> cells)' };
        }
        return {
          headers: text(header),
          rows: rows.filter(row => !isHeader(row) && row.cells.length > 0).map(text)
        };
      }
      """;

  private final Page page;

  TableScraper(final Page page) {
    this.page = page;
  }

  List<Map<String, String>> scrape(
      final String selector,
      final String nextPage,
      final int maxPages,
      final Consumer<String> waitingFor) {
    final List<Map<String, String>> rows = new ArrayList<>();
    final Locator table = page.locator(selector);
    for (int pageNumber = 1; ; pageNumber++) {
      waitingFor.accept("selector \"" + selector + "\" (page " + pageNumber + ")");
      rows.addAll(read(selector, table));
      if (nextPage == null || pageNumber >= maxPages || !clickable(page.locator(nextPage))) {
        return rows;
      }
      table
          .locator("tr")
          .evaluateAll("rows => rows.forEach(r => r.setAttribute('" + SEEN + "', ''))");
      waitingFor.accept("next page \"" + nextPage + "\" (page " + (pageNumber + 1) + ")");
      page.locator(nextPage).first().click();
      table
          .locator("tr:not([" + SEEN + "])")
          .first()
          .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
      page.waitForLoadState(LoadState.DOMCONTENTLOADED);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, String>> read(final String selector, final Locator table) {
    final Map<String, Object> result = (Map<String, Object>) table.evaluate(READ_TABLE);
    if (result.get("error") != null) {
      throw new StepFailedException("element \"" + selector + "\" " + result.get("error"));
    }
    final List<String> headers = (List<String>) result.get("headers");
    final List<Map<String, String>> rows = new ArrayList<>();
    for (final List<String> cells : (List<List<String>>) result.get("rows")) {
      final Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < headers.size(); i++) {
        row.put(headers.get(i), i < cells.size() ? cells.get(i) : "");
      }
      rows.add(row);
    }
    return rows;
  }

  /** A next-page control that is absent, hidden or disabled means the last page was read. */
  private static boolean clickable(final Locator next) {
    if (next.count() == 0) {
      return false;
    }
    final Locator first = next.first();
    return first.isVisible()
        && first.isEnabled()
        && !"true".equals(first.getAttribute("aria-disabled"));
  }
}
