package io.flowdesk.engine.model;

/**
 * Which version of a linked resource (called process, called decision, form) an element uses, as
 * its {@code bindingType} attribute chooses.
 *
 * @param type latest (the default), the version deployed with the calling process, or the latest
 *     version carrying a version tag
 * @param versionTag the tag the target must carry; only for {@link Type#VERSION_TAG}
 */
public record ResourceBinding(Type type, String versionTag) {

  /** The binding types Camunda 8 offers. */
  public enum Type {
    LATEST,
    DEPLOYMENT,
    VERSION_TAG
  }

  /** The default binding: the latest deployed version when the element is activated. */
  public static final ResourceBinding LATEST = new ResourceBinding(Type.LATEST, null);

  /**
   * The binding of a {@code bindingType} attribute value ({@code latest}, {@code deployment},
   * {@code versionTag}; absent means latest).
   */
  public static ResourceBinding of(final String bindingType, final String versionTag) {
    if (bindingType == null || bindingType.isBlank() || "latest".equals(bindingType)) {
      return LATEST;
    }
    return switch (bindingType) {
      case "deployment" -> new ResourceBinding(Type.DEPLOYMENT, null);
      case "versionTag" -> new ResourceBinding(Type.VERSION_TAG, versionTag);
      default -> throw new IllegalArgumentException("Unknown binding type '" + bindingType + "'");
    };
  }

  /** How the binding reads in an incident, after the resource's id: "" for latest. */
  public String describe() {
    return switch (type) {
      case LATEST -> "";
      case DEPLOYMENT -> " deployed together with the calling process";
      case VERSION_TAG -> " with version tag '" + versionTag + "'";
    };
  }
}
