package io.flowdesk.app.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where people reach this Flowdesk from outside a request (links in mail): {@code
 * flowdesk.public-url}, or {@code http://localhost:<port>} on a laptop where it is not set.
 */
@Component
public class PublicUrl {

  private final String configured;
  private int port = 8080;

  PublicUrl(@Value("${flowdesk.public-url:}") final String configured) {
    this.configured = configured.strip().replaceAll("/+$", "");
  }

  @EventListener
  void portKnown(final WebServerInitializedEvent event) {
    port = event.getWebServer().getPort();
  }

  /** The absolute URL of {@code path} (which starts with {@code /}). */
  public String of(final String path) {
    return (configured.isEmpty() ? "http://localhost:" + port : configured) + path;
  }
}
