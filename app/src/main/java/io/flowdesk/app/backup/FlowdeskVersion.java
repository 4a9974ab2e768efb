package io.flowdesk.app.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this Flowdesk, from the build information the packaged jar carries. */
final class FlowdeskVersion {

  private FlowdeskVersion() {}

  static String current() {
    try (InputStream in =
        FlowdeskVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
      if (in == null) {
        return "unknown";
      }
      final Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("build.version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
