package io.flowdesk.domain.cmdb;

import java.util.List;
import java.util.Optional;

/**
 * A class of configuration items: the shipped ones (business service, application, database,
 * server, network device) and those an admin defines. {@code service}: its CIs are what impact
 * analysis reports as impacted services, and they carry a criticality.
 */
public record CiClass(
    String name,
    String label,
    boolean shipped,
    boolean service,
    List<AttributeDefinition> attributes) {

  public static final String BUSINESS_SERVICE = "business_service";
  public static final String APPLICATION = "application";
  public static final String DATABASE = "database";
  public static final String SERVER = "server";
  public static final String NETWORK_DEVICE = "network_device";

  public CiClass {
    attributes = List.copyOf(attributes);
  }

  public Optional<AttributeDefinition> attribute(final String attributeName) {
    return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
  }
}
