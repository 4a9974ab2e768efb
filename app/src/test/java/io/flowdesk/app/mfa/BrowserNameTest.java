package io.flowdesk.app.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrowserNameTest {

  @Test
  void commonBrowsersAreNamedWithTheirSystem() {
    assertThat(
            BrowserName.of(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " HeadlessChrome/156.0.0.0 Safari/537.36"))
        .isEqualTo("Chrome on Linux");
    assertThat(
            BrowserName.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:135.0) Gecko/20100101 Firefox/135.0"))
        .isEqualTo("Firefox on Windows");
    assertThat(
            BrowserName.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/133.0.0.0 Safari/537.36 Edg/133.0.0.0"))
        .isEqualTo("Edge on Windows");
    assertThat(
            BrowserName.of(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_3 like Mac OS X) AppleWebKit/605.1.15"
                    + " (KHTML, like Gecko) Version/18.3 Mobile/15E148 Safari/604.1"))
        .isEqualTo("Safari on iPhone");
    assertThat(
            BrowserName.of(
                "Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/133.0.0.0 Mobile Safari/537.36"))
        .isEqualTo("Chrome on Android");
  }

  @Test
  void somethingUnknownIsSaidToBeUnknown() {
    assertThat(BrowserName.of(null)).isEqualTo("Unknown browser");
    assertThat(BrowserName.of("curl/8.5.0")).isEqualTo("Unknown browser");
  }
}
