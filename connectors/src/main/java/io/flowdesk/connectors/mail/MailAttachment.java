package io.flowdesk.connectors.mail;

import java.util.Arrays;

/**
 * A file attached to a mail, in or out.
 *
 * @param contentType a MIME type such as {@code application/pdf}
 */
public record MailAttachment(String name, String contentType, byte[] content) {

  public MailAttachment {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("attachment name is missing");
    }
    if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("attachment name '" + name + "' contains a line break");
    }
    if (contentType == null || !contentType.contains("/")) {
      throw new IllegalArgumentException(
          "attachment '" + name + "' has no MIME type (got '" + contentType + "')");
    }
    if (content == null) {
      throw new IllegalArgumentException("attachment '" + name + "' has no content");
    }
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  public int size() {
    return content.length;
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof MailAttachment that
        && name.equals(that.name)
        && contentType.equals(that.contentType)
        && Arrays.equals(content, that.content);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + contentType.hashCode()) + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return "MailAttachment[name="
        + name
        + ", contentType="
        + contentType
        + ", size="
        + size()
        + "]";
  }
}
