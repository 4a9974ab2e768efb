package io.flowdesk.connectors.etl.extract;

import java.nio.charset.CharacterCodingException;

/** Bytes that are not valid in the declared character set, with where they are. */
final class InvalidEncodingException extends CharacterCodingException {

  private static final long serialVersionUID = 1L;

  private final String message;

  InvalidEncodingException(final String charset, final long line, final long byteOffset) {
    this.message =
        "bytes at line " + line + " (byte offset " + byteOffset + ") are not valid " + charset;
  }

  @Override
  public String getMessage() {
    return message;
  }
}
