package io.flowdesk.domain.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An uploaded file made safe to store: the name reduced to its last path segment without control or
 * direction-changing characters, and the content read up to the limit and not a byte further, so an
 * oversized upload costs at most the limit in memory.
 */
record AttachmentUpload(String fileName, String contentType, byte[] content) {

  private static final int MAX_FILE_NAME = 255;
  private static final int MAX_CONTENT_TYPE = 200;
  private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  static AttachmentUpload read(
      final String fileName, final String contentType, final InputStream content, final long max) {
    final String name = safeFileName(fileName);
    final String type = safeContentType(contentType);
    if (content == null) {
      throw new IllegalArgumentException("attachment content is missing");
    }
    final byte[] bytes;
    try {
      bytes = content.readNBytes(Math.toIntExact(max + 1));
    } catch (IOException e) {
      throw new UncheckedIOException("attachment " + name + " could not be read", e);
    }
    if (bytes.length > max) {
      throw new IllegalArgumentException(
          "attachment " + name + " is larger than the limit of " + max + " bytes");
    }
    return new AttachmentUpload(name, type, bytes);
  }

  static String safeFileName(final String fileName) {
    if (fileName == null) {
      throw new IllegalArgumentException("attachment fileName is required");
    }
    final String lastSegment =
        fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    final String cleaned = lastSegment.replaceAll("[\\p{Cc}\\p{Cf}]", "").strip();
    if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
      throw new IllegalArgumentException(
          "attachment fileName '" + cleaned + "' is not a file name");
    }
    if (cleaned.length() > MAX_FILE_NAME) {
      throw new IllegalArgumentException(
          "attachment fileName is too long: "
              + cleaned.length()
              + " characters, at most "
              + MAX_FILE_NAME);
    }
    return cleaned;
  }

  private static String safeContentType(final String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return DEFAULT_CONTENT_TYPE;
    }
    final String type = contentType.strip();
    if (type.length() > MAX_CONTENT_TYPE || !type.matches("[\\x21-\\x7e][\\x20-\\x7e]*")) {
      throw new IllegalArgumentException("attachment contentType is not a valid media type");
    }
    return type;
  }
}
