package io.flowdesk.connectors.etl.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowdesk.connectors.etl.EtlException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * One page of a JSON API response, parsed as a token stream: records are materialised one at a
 * time, so a page of any size costs one record of memory. The next link, wherever it sits in the
 * body, is picked up on the way.
 */
final class JsonPage implements AutoCloseable {

  private final URI uri;
  private final HttpResponse<InputStream> response;
  private final JsonParser parser;
  private final ObjectMapper mapper;
  private final String recordsPointer;
  private final String nextLinkPointer;
  private boolean inRecords;
  private boolean recordsFound;
  private int recordsRead;
  private String nextLink;

  JsonPage(
      final URI uri,
      final HttpResponse<InputStream> response,
      final ObjectMapper mapper,
      final String recordsPointer,
      final String nextLinkPointer) {
    this.uri = uri;
    this.response = response;
    this.mapper = mapper;
    this.recordsPointer = JsonPointer.compile(recordsPointer).toString();
    this.nextLinkPointer =
        nextLinkPointer == null ? null : JsonPointer.compile(nextLinkPointer).toString();
    try {
      this.parser = mapper.createParser(response.body());
    } catch (IOException e) {
      throw new EtlException("Cannot read the response of GET " + uri + ": " + e.getMessage(), e);
    }
  }

  URI uri() {
    return uri;
  }

  HttpResponse<InputStream> response() {
    return response;
  }

  int recordsRead() {
    return recordsRead;
  }

  /** The next link found in the body; complete only once {@link #nextRecord()} answered null. */
  String nextLink() {
    return nextLink;
  }

  /** The next record of the page, or null when the page (and its body) has been read. */
  JsonNode nextRecord() {
    try {
      if (inRecords) {
        final JsonToken token = parser.nextToken();
        if (token != JsonToken.END_ARRAY) {
          return record(token);
        }
        inRecords = false;
      }
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
          if (recordsPointer.equals(
              parser.getParsingContext().getParent().pathAsPointer().toString())) {
            if (token != JsonToken.START_ARRAY) {
              throw new EtlException(
                  "GET " + uri + ": the value at " + pointerName() + " is not an array");
            }
            recordsFound = true;
            inRecords = true;
            return nextRecord();
          }
        } else if (token.isScalarValue()) {
          scalar(token);
        }
      }
    } catch (IOException e) {
      throw new EtlException(
          "GET "
              + uri
              + " returned invalid JSON near "
              + parser.currentLocation()
              + ": "
              + e.getMessage(),
          e);
    }
    if (!recordsFound) {
      throw new EtlException("GET " + uri + ": the response has no array at " + pointerName());
    }
    return null;
  }

  private void scalar(final JsonToken token) throws IOException {
    final String pointer = parser.getParsingContext().pathAsPointer().toString();
    if (recordsPointer.equals(pointer) && token == JsonToken.VALUE_NULL) {
      // A null record list is an empty page.
      recordsFound = true;
    } else if (pointer.equals(nextLinkPointer)) {
      nextLink = token == JsonToken.VALUE_NULL ? null : parser.getText();
    }
  }

  private JsonNode record(final JsonToken token) throws IOException {
    recordsRead++;
    if (token != JsonToken.START_OBJECT) {
      throw new EtlException(
          "GET "
              + uri
              + ": record "
              + recordsRead
              + " at "
              + pointerName()
              + " is not a JSON object");
    }
    return mapper.readTree(parser);
  }

  private String pointerName() {
    return recordsPointer.isEmpty() ? "the top level" : recordsPointer;
  }

  @Override
  public void close() {
    try {
      parser.close();
      response.body().close();
    } catch (IOException e) {
      // The page is fully read or abandoned; a failing close changes nothing the run relies on.
    }
  }
}
