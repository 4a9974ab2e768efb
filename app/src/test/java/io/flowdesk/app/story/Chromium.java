package io.flowdesk.app.story;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium for the stories (Playwright never downloads a browser), and screenshots for a
 * person to look at in target/screenshots/: desktop 1280 and phone 390 wide.
 */
public final class Chromium {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private Chromium() {}

  public static Playwright playwright() {
    final Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    return Playwright.create(new Playwright.CreateOptions().setEnv(env));
  }

  /** Headless Chromium driven by {@code playwright}. */
  public static Browser launch(final Playwright playwright) {
    return playwright
        .chromium()
        .launch(
            new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")));
  }

  /**
   * The texts of the shown elements {@code selector} matches that break over more than one line: a
   * Range over each of their text nodes gives one box per line it takes, whatever the element's
   * padding or display; boxes on one line share their top. Hidden elements (a folded section) are
   * left out, so callers check that what they mean to measure is shown.
   */
  @SuppressWarnings("unchecked")
  public static List<String> wrappedTexts(final Page page, final String selector) {
    return (List<String>)
        page.evaluate(
            """
            selector => [...document.querySelectorAll(selector)]
              .filter(e => e.getClientRects().length > 0)
              .filter(e => {
                const texts = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
                for (let t = texts.nextNode(); t; t = texts.nextNode()) {
                  if (!t.data.trim()) continue;
                  const range = document.createRange();
                  range.selectNodeContents(t);
                  const lines = new Set([...range.getClientRects()]
                    .filter(r => r.width > 0).map(r => Math.round(r.top)));
                  if (lines.size > 1) return true;
                }
                return false;
              })
              .map(e => e.textContent.trim())
            """,
            selector);
  }

  /** A desktop and a phone screenshot of what {@code page} shows now. */
  public static void shoot(final Page page, final String name) {
    shoot(page, name, 390);
  }

  /** As {@link #shoot(Page, String)}, with the phone {@code phoneWidth} wide. */
  public static void shoot(final Page page, final String name, final int phoneWidth) {
    final Path dir = Path.of("target", "screenshots");
    page.setViewportSize(1280, 900);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
    page.setViewportSize(phoneWidth, 844);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(dir.resolve(name + "-phone.png")).setFullPage(true));
    page.setViewportSize(1280, 900);
  }
}
