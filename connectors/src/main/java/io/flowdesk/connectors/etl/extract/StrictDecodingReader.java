package io.flowdesk.connectors.etl.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes and fails on invalid ones, naming the line they are on.
 *
 * <p>{@link java.io.InputStreamReader} silently replaces invalid bytes with U+FFFD, which would
 * load corrupted text; its error, when asked to report, names no position. This reader hands out
 * every character decoded before the bad bytes first, so the parser has consumed all good records
 * when the error surfaces. A leading byte order mark is dropped.
 */
final class StrictDecodingReader extends Reader {

  private static final int BUFFER = 16 * 1024;

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final String charsetName;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
  private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
  private long bytesRead;
  private long lineBreaks;
  private boolean endOfInput;
  private boolean flushed;
  private boolean started;
  private InvalidEncodingException pending;

  StrictDecodingReader(final InputStream in, final Charset charset) {
    this.in = in;
    this.charsetName = charset.name();
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public int read(final char[] target, final int offset, final int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !fill()) {
      return -1;
    }
    final int count = Math.min(length, chars.remaining());
    chars.get(target, offset, count);
    return count;
  }

  /** Decodes the next chunk; answers false at the end of the input. */
  private boolean fill() throws IOException {
    if (pending != null) {
      throw pending;
    }
    chars.clear();
    while (!flushed) {
      final CoderResult result = decoder.decode(bytes, chars, endOfInput);
      if (result.isError()) {
        pending =
            new InvalidEncodingException(
                charsetName,
                lineBreaks + countLineBreaks(chars.position()) + 1,
                bytesRead - bytes.remaining());
        break;
      }
      if (result.isOverflow()) {
        break;
      }
      if (endOfInput) {
        decoder.flush(chars);
        flushed = true;
      } else if (chars.position() > 0) {
        break;
      } else {
        readBytes();
      }
    }
    lineBreaks += countLineBreaks(chars.position());
    chars.flip();
    if (!started && chars.hasRemaining()) {
      started = true;
      if (chars.get(chars.position()) == '\uFEFF') {
        chars.get();
      }
    }
    if (!chars.hasRemaining()) {
      if (pending != null) {
        throw pending;
      }
      return !flushed && fill();
    }
    return true;
  }

  private void readBytes() throws IOException {
    bytes.compact();
    final int count = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (count < 0) {
      endOfInput = true;
    } else {
      bytes.position(bytes.position() + count);
      bytesRead += count;
    }
    bytes.flip();
  }

  private long countLineBreaks(final int upTo) {
    long count = 0;
    final char[] array = chars.array();
    for (int i = 0; i < upTo; i++) {
      if (array[i] == '\n') {
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
