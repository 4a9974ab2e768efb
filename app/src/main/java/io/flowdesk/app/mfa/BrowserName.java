package io.flowdesk.app.mfa;

import java.util.List;
import java.util.Map;

/**
 * "Firefox on Windows" from a User-Agent header, so that people can tell their remembered devices
 * apart; only a label, never used to decide anything (the header is the browser's to choose).
 */
final class BrowserName {

  // Order matters: Edge and Opera also say Chrome, Chrome also says Safari, Android also Linux.
  private static final List<Map.Entry<String, String>> BROWSERS =
      List.of(
          Map.entry("Edg/", "Edge"),
          Map.entry("OPR/", "Opera"),
          Map.entry("Firefox/", "Firefox"),
          Map.entry("Chrome/", "Chrome"),
          Map.entry("Safari/", "Safari"));
  private static final List<Map.Entry<String, String>> SYSTEMS =
      List.of(
          Map.entry("Android", "Android"),
          Map.entry("iPhone", "iPhone"),
          Map.entry("iPad", "iPad"),
          Map.entry("Windows", "Windows"),
          Map.entry("Mac OS X", "macOS"),
          Map.entry("Linux", "Linux"));

  private BrowserName() {}

  static String of(final String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "Unknown browser";
    }
    final String browser = first(BROWSERS, userAgent, "Unknown browser");
    final String system = first(SYSTEMS, userAgent, null);
    return system == null ? browser : browser + " on " + system;
  }

  private static String first(
      final List<Map.Entry<String, String>> names, final String userAgent, final String otherwise) {
    return names.stream()
        .filter(name -> userAgent.contains(name.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(otherwise);
  }
}
