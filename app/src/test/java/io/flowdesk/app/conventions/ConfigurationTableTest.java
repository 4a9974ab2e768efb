package io.flowdesk.app.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable the application reads ({@code ${FLOWDESK_…}} in its configuration) is
 * in the README's configuration table, so people learn every setting in one place.
 */
class ConfigurationTableTest {

  private static final Pattern READ = Pattern.compile("\\$\\{(FLOWDESK_[A-Z0-9_]+)");
  private static final Pattern DOCUMENTED = Pattern.compile("`(FLOWDESK_[A-Z0-9_]+)`");

  @Test
  void theReadmesConfigurationTableNamesEveryVariableTheApplicationReads() throws IOException {
    final Set<String> read =
        all(READ, Files.readString(Path.of("src/main/resources/application.yml")));
    final String readme = Files.readString(Path.of("../README.md"));
    final String table =
        readme.substring(
            readme.indexOf("## Configuration"),
            readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));

    final Set<String> missing = new TreeSet<>(read);
    missing.removeAll(all(DOCUMENTED, table));

    assertThat(read).contains("FLOWDESK_HTTP_PORT", "FLOWDESK_DB_URL");
    assertThat(missing).as("variables missing from README.md's configuration table").isEmpty();
  }

  private static Set<String> all(final Pattern pattern, final String text) {
    final Set<String> found = new TreeSet<>();
    final Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
