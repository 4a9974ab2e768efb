package io.flowdesk.app.portal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowdesk.app.WebTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The catalog items the app ships (processes/ with a {@code catalog.category}), as the app deploys
 * them at start: every one is offered, none is broken, each says what it is and a request how long
 * it takes.
 */
class PackagedCatalogItemsTest extends WebTestSupport {

  private static final Pattern PROCESS_ID = Pattern.compile("<bpmn:process id=\"([^\"]+)\"");

  @Autowired ServiceCatalog catalog;

  @Test
  void everyPackagedItemIsOfferedWithADescriptionAndAFulfilmentTargetAndNoneIsBroken()
      throws IOException {
    final List<String> packaged = packagedItems();
    assertThat(packaged)
        .contains(
            "incident",
            "something-else",
            "new-laptop",
            "software-access",
            "onboarding",
            "password-reset");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(catalog.broken())
                  .filteredOn(item -> packaged.contains(item.processId()))
                  .isEmpty();
              assertThat(catalog.offered())
                  .extracting(CatalogItem::processId)
                  .containsAll(packaged);
            });
    for (final CatalogItem item : catalog.offered()) {
      if (packaged.contains(item.processId())) {
        assertThat(item.description()).as("description of %s", item.processId()).isNotBlank();
        if (item.kind() == CatalogItem.Kind.REQUEST) {
          // An incident's targets come from its priority (processes/README.md, SLA).
          assertThat(item.fulfilmentTarget()).as("target of %s", item.processId()).isNotNull();
        }
        assertThat(item.icon()).as("icon of %s", item.processId()).isNotBlank();
      }
    }
  }

  /** Process ids of the packaged diagrams that declare themselves catalog items. */
  private static List<String> packagedItems() throws IOException {
    final List<String> ids = new ArrayList<>();
    for (final Resource diagram :
        new PathMatchingResourcePatternResolver().getResources("classpath*:processes/**/*.bpmn")) {
      final String xml = diagram.getContentAsString(StandardCharsets.UTF_8);
      final Matcher process = PROCESS_ID.matcher(xml);
      if (xml.contains("\"catalog.category\"") && process.find()) {
        ids.add(process.group(1));
      }
    }
    return ids;
  }
}
