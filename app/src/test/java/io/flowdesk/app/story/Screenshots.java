package io.flowdesk.app.story;

import com.microsoft.playwright.Page;
import java.nio.file.Path;

/**
 * Desktop and phone screenshots of the story tests, in target/screenshots/ for people to look at.
 */
final class Screenshots {

  private static final Path DIR = Path.of("target", "screenshots");

  private Screenshots() {}

  /** A desktop (1280 wide) and a phone (390 wide) screenshot of what {@code page} shows now. */
  static void shoot(final Page page, final String name) {
    page.setViewportSize(1280, 900);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(DIR.resolve(name + ".png")).setFullPage(true));
    page.setViewportSize(390, 844);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(DIR.resolve(name + "-phone.png")).setFullPage(true));
    page.setViewportSize(1280, 900);
  }
}
