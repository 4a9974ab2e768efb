package io.flowdesk.app.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * The running Flowdesk version, from the build info the jar carries ("dev" when run unpackaged).
 */
@Component
public class FlowdeskVersion {

  private final String value;

  FlowdeskVersion(final ObjectProvider<BuildProperties> buildProperties) {
    final BuildProperties build = buildProperties.getIfAvailable();
    this.value = build == null ? "dev" : build.getVersion();
  }

  public String value() {
    return value;
  }
}
