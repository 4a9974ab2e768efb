package io.flowdesk.app.portal;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What end users can ask IT for, by category. "Report an issue" is backed by the incident process;
 * the other items are announced but not orderable until their processes exist.
 */
@Component
public class ServiceCatalog {

  /** A group of related catalog items. */
  public record Category(String id, String title, String description, List<Item> items) {}

  /**
   * One thing to ask for.
   *
   * @param href where it is ordered; null while it is not available yet
   */
  public record Item(String id, String title, String description, String href) {
    public boolean available() {
      return href != null;
    }
  }

  private static final List<Category> CATEGORIES =
      List.of(
          new Category(
              "support",
              "Get help",
              "Something does not work as it should.",
              List.of(
                  new Item(
                      "report-issue",
                      "Report an issue",
                      "Tell the service desk what is broken: network, hardware, software or access.",
                      "/portal/report"))),
          new Category(
              "requests",
              "Request something",
              "Order equipment, software or access.",
              List.of(
                  new Item(
                      "new-hardware", "New hardware", "A laptop, monitor, headset or phone.", null),
                  new Item(
                      "software",
                      "Software installation",
                      "Install an approved application.",
                      null),
                  new Item(
                      "access",
                      "Access to a system",
                      "Get access to an application or shared drive.",
                      null))));

  public List<Category> categories() {
    return CATEGORIES;
  }

  /** The item with this id. */
  public Optional<Item> item(final String id) {
    return CATEGORIES.stream()
        .flatMap(category -> category.items().stream())
        .filter(item -> item.id().equals(id))
        .findFirst();
  }
}
