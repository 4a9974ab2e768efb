package io.flowdesk.connectors.rpa;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.SelectOption;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Carries out steps on one page, substituting references just before each step. Remembers what the
 * current step is waiting for, so a timeout can be reported in the script's terms.
 */
// Playwright takes timeouts as double milliseconds; a long of milliseconds converts exactly.
@SuppressWarnings("LongDoubleConversion")
final class StepExecutor {

  private static final long POLL_MILLIS = 100;

  private final Page page;
  private final Map<String, ?> inputs;
  private final RunSecrets secrets;
  private final RunArtifacts artifacts;
  private final Map<String, Object> extracted = new LinkedHashMap<>();
  private final Map<String, Path> screenshots = new LinkedHashMap<>();
  private final List<String> secretFields = new ArrayList<>();
  private String waitingFor = "the page";

  StepExecutor(
      final Page page,
      final Map<String, ?> inputs,
      final RunSecrets secrets,
      final RunArtifacts artifacts) {
    this.page = page;
    this.inputs = inputs;
    this.secrets = secrets;
    this.artifacts = artifacts;
  }

  Map<String, Object> extracted() {
    return extracted;
  }

  Map<String, Path> screenshots() {
    return screenshots;
  }

  /** What the last step was waiting for, e.g. {@code selector "#save"}. */
  String waitingFor() {
    return waitingFor;
  }

  void execute(final RpaStep step, final Duration timeout) {
    final long millis = timeout.toMillis();
    page.setDefaultTimeout(millis);
    page.setDefaultNavigationTimeout(millis);
    if (step instanceof RpaStep.Goto s) {
      navigate(resolve(s.url()));
    } else if (step instanceof RpaStep.Fill s) {
      final String selector = resolve(s.selector());
      waitingFor = "selector " + quote(selector);
      if (s.secret() != null) {
        // The page the script has reached, wherever links and redirects took it, is checked.
        secrets.checkPage(s.secret(), page.url());
        secretFields.add(selector);
        page.locator(selector).fill(secrets.value(s.secret()));
      } else {
        page.locator(selector).fill(resolve(s.value()));
      }
    } else if (step instanceof RpaStep.Click s) {
      locate(s.selector()).click();
    } else if (step instanceof RpaStep.Select s) {
      final Locator select = locate(s.selector());
      if (s.value() != null) {
        final String value = resolve(s.value());
        waitingFor += " to offer value " + quote(value);
        select.selectOption(new SelectOption().setValue(value));
      } else {
        final String label = resolve(s.label());
        waitingFor += " to offer label " + quote(label);
        select.selectOption(new SelectOption().setLabel(label));
      }
    } else if (step instanceof RpaStep.Check s) {
      if (s.checked()) {
        locate(s.selector()).check();
      } else {
        locate(s.selector()).uncheck();
      }
    } else if (step instanceof RpaStep.WaitFor s) {
      waitFor(s);
    } else if (step instanceof RpaStep.ExtractText s) {
      extracted.put(s.variable(), secrets.mask(locate(s.selector()).innerText().strip()));
    } else if (step instanceof RpaStep.ExtractAttribute s) {
      extractAttribute(s);
    } else if (step instanceof RpaStep.ExtractTable s) {
      waitingFor = "selector " + quote(resolve(s.selector()));
      final List<Map<String, String>> rows =
          new TableScraper(page)
              .scrape(
                  resolve(s.selector()),
                  s.nextPage() == null ? null : resolve(s.nextPage()),
                  s.maxPages(),
                  target -> waitingFor = target);
      rows.forEach(row -> row.replaceAll((header, cell) -> secrets.mask(cell)));
      extracted.put(s.variable(), rows);
    } else if (step instanceof RpaStep.Screenshot s) {
      waitingFor = "the page to render";
      screenshots.put(s.name(), screenshot(s.name() + ".png", millis));
    } else if (step instanceof RpaStep.AssertText s) {
      assertText(s, millis);
    } else if (step instanceof RpaStep.AssertUrl s) {
      assertUrl(s, millis);
    } else {
      throw new IllegalStateException("no executor for " + step.action());
    }
  }

  /** A full-page PNG with every field that received a secret blacked out. */
  Path screenshot(final String fileName, final long timeoutMillis) {
    final Path file = artifacts.file(fileName);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(file)
            .setFullPage(true)
            .setTimeout(timeoutMillis)
            .setMask(secretFields.stream().map(page::locator).toList()));
    return file;
  }

  private void navigate(final String url) {
    waitingFor = "page " + quote(url) + " to load";
    final Response response = page.navigate(url);
    if (response != null && response.status() >= 400) {
      throw new StepFailedException(
          "page "
              + quote(url)
              + " answered HTTP "
              + response.status()
              + " "
              + response.statusText());
    }
  }

  private void waitFor(final RpaStep.WaitFor s) {
    final Locator target;
    if (s.selector() != null) {
      target = locate(s.selector());
    } else {
      final String text = resolve(s.text());
      waitingFor = "text " + quote(text);
      target = page.getByText(text).first();
    }
    waitingFor += " to be " + s.state().jsonName();
    target.waitFor(
        new Locator.WaitForOptions().setState(WaitForSelectorState.valueOf(s.state().name())));
  }

  private void extractAttribute(final RpaStep.ExtractAttribute s) {
    final Locator element = locate(s.selector());
    final String value = element.getAttribute(s.attribute());
    if (value == null) {
      throw new StepFailedException(
          "element " + quote(resolve(s.selector())) + " has no attribute " + quote(s.attribute()));
    }
    extracted.put(s.variable(), secrets.mask(value));
  }

  private void assertText(final RpaStep.AssertText s, final long timeoutMillis) {
    final Locator element = locate(s.selector());
    final String expected = normalize(resolve(s.expected()));
    final long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    String actual = null;
    while (true) {
      final long remaining = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      try {
        actual = normalize(element.innerText(new Locator.InnerTextOptions().setTimeout(remaining)));
      } catch (TimeoutError e) {
        if (actual == null) {
          throw e;
        }
        // Seen before but gone (or too slow) at the deadline: report the text last seen.
        throw textMismatch(s, expected, actual);
      }
      if (s.exact() ? actual.equals(expected) : actual.contains(expected)) {
        return;
      }
      if (System.nanoTime() >= deadline) {
        throw textMismatch(s, expected, actual);
      }
      page.waitForTimeout(Math.min(POLL_MILLIS, remaining));
    }
  }

  private StepFailedException textMismatch(
      final RpaStep.AssertText s, final String expected, final String actual) {
    return new StepFailedException(
        "text of "
            + quote(resolve(s.selector()))
            + " is "
            + quote(actual)
            + ", expected it to "
            + (s.exact() ? "equal " : "contain ")
            + quote(expected));
  }

  private void assertUrl(final RpaStep.AssertUrl s, final long timeoutMillis) {
    final Pattern pattern = s.compile(this::valueOf);
    waitingFor = "the URL to match " + quote(s.urlPattern());
    try {
      page.waitForURL(
          url -> pattern.matcher(url).matches(),
          new Page.WaitForURLOptions().setTimeout(timeoutMillis));
    } catch (TimeoutError e) {
      throw new StepFailedException(
          "page URL is " + quote(page.url()) + ", expected it to match " + quote(s.urlPattern()));
    }
  }

  private Locator locate(final String selectorTemplate) {
    final String selector = resolve(selectorTemplate);
    waitingFor = "selector " + quote(selector);
    return page.locator(selector);
  }

  private String resolve(final String template) {
    return Template.substitute(template, this::valueOf);
  }

  private String valueOf(final String name) {
    final Object value = extracted.containsKey(name) ? extracted.get(name) : inputs.get(name);
    return String.valueOf(value);
  }

  private static String normalize(final String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  private static String quote(final String text) {
    return '"' + text + '"';
  }
}
