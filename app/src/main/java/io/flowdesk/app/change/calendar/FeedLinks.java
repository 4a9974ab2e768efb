package io.flowdesk.app.change.calendar;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Absolute addresses for calendar clients, which keep them outside any page: under {@code
 * flowdesk.public-url}, or the address the request came in on when it is not set.
 */
@Component
class FeedLinks {

  static final String FEED_PATH = "/changes/calendar/feed/";

  private final String publicUrl;

  FeedLinks(@Value("${flowdesk.public-url:}") final String publicUrl) {
    this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
  }

  String feed(final String token) {
    return base() + FEED_PATH + token + ".ics";
  }

  String change(final String number) {
    return base() + "/changes/" + number;
  }

  private String base() {
    return publicUrl.isEmpty()
        ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
        : publicUrl;
  }
}
