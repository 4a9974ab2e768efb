package io.flowdesk.connectors.etl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.connectors.etl.EtlException;
import io.flowdesk.connectors.etl.TestHttpServer;
import io.flowdesk.connectors.etl.TestHttpServer.Response;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JsonApiSourceTest {

  private final TestHttpServer server = new TestHttpServer();
  private final HttpClient client = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<SourceRow> readAll(final RowSource source) {
    final List<SourceRow> rows = new ArrayList<>();
    try (source) {
      source.forEachRemaining(rows::add);
    }
    return rows;
  }

  @Test
  void pageNumbersAreFollowedUntilAShortPage() {
    server
        .on("/users?page=1&size=2", Response.ok("{\"data\":[{\"id\":1},{\"id\":2}]}"))
        .on("/users?page=2&size=2", Response.ok("{\"data\":[{\"id\":3},{\"id\":4}]}"))
        .on("/users?page=3&size=2", Response.ok("{\"data\":[{\"id\":5}]}"));

    final List<SourceRow> rows =
        readAll(
            JsonApiSource.open(
                client,
                JsonApiRequest.of(server.uri("/users"))
                    .recordsAt("/data")
                    .paginatedBy(Pagination.pageNumber("page", 1, "size", 2))));

    assertThat(rows).extracting(row -> row.get("id")).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(rows).extracting(SourceRow::line).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void pageNumbersWithoutKnownSizeStopAtAnEmptyPage() {
    server
        .on("/users?p=0", Response.ok("[{\"id\":1}]"))
        .on("/users?p=1", Response.ok("[{\"id\":2}]"))
        .on("/users?p=2", Response.ok("[]"));

    final List<SourceRow> rows =
        readAll(
            JsonApiSource.open(
                client,
                JsonApiRequest.of(server.uri("/users"))
                    .paginatedBy(Pagination.pageNumber("p", 0))));

    assertThat(rows).extracting(row -> row.get("id")).containsExactly(1L, 2L);
  }

  @Test
  void offsetsAdvanceByTheRecordsRead() {
    server
        .on("/items?offset=0&limit=2", Response.ok("{\"items\":[{\"n\":\"a\"},{\"n\":\"b\"}]}"))
        .on("/items?offset=2&limit=2", Response.ok("{\"items\":[{\"n\":\"c\"},{\"n\":\"d\"}]}"))
        .on("/items?offset=4&limit=2", Response.ok("{\"items\":[]}"));

    final List<SourceRow> rows =
        readAll(
            JsonApiSource.open(
                client,
                JsonApiRequest.of(server.uri("/items"))
                    .recordsAt("/items")
                    .paginatedBy(Pagination.offset("offset", "limit", 2))));

    assertThat(rows).extracting(row -> row.get("n")).containsExactly("a", "b", "c", "d");
  }

  @Test
  void nextLinkInTheBodyIsFollowedWhereverItSits() {
    server
        .on(
            "/v1/tickets",
            Response.ok(
                "{\"result\":{\"records\":[{\"id\":1}]},\"paging\":{\"next\":\"/v1/tickets?cursor=b\"}}"))
        .on(
            "/v1/tickets?cursor=b",
            Response.ok(
                "{\"paging\":{\"next\":\"tickets?cursor=c\"},\"result\":{\"records\":[{\"id\":2}]}}"))
        .on(
            "/v1/tickets?cursor=c",
            Response.ok("{\"result\":{\"records\":[{\"id\":3}]},\"paging\":{\"next\":null}}"));

    final List<SourceRow> rows =
        readAll(
            JsonApiSource.open(
                client,
                JsonApiRequest.of(server.uri("/v1/tickets"))
                    .recordsAt("/result/records")
                    .paginatedBy(Pagination.nextLinkInBody("/paging/next"))));

    assertThat(rows).extracting(row -> row.get("id")).containsExactly(1L, 2L, 3L);
  }

  @Test
  void linkHeaderNextIsFollowed() {
    server
        .on(
            "/events",
            new Response(
                200,
                "[{\"id\":1}]",
                Map.of(
                    "Link",
                    "<"
                        + server.uri("/events?page=2")
                        + ">; rel=\"next\", <"
                        + server.uri("/events?page=9")
                        + ">; rel=\"last\"")))
        .on("/events?page=2", Response.ok("[{\"id\":2}]"));

    final List<SourceRow> rows =
        readAll(
            JsonApiSource.open(
                client,
                JsonApiRequest.of(server.uri("/events")).paginatedBy(Pagination.linkHeader())));

    assertThat(rows).extracting(row -> row.get("id")).containsExactly(1L, 2L);
  }

  @Test
  void valuesKeepTheirJsonTypeAndNestedValuesArriveAsJsonText() {
    server.on(
        "/x",
        Response.ok(
            "[{\"s\":\"t\",\"i\":7,\"d\":12.50,\"b\":true,\"n\":null,\"o\":{\"k\":[1,2]}},{\"s\":\"u\"}]"));

    final List<SourceRow> rows =
        readAll(JsonApiSource.open(client, JsonApiRequest.of(server.uri("/x"))));

    assertThat(rows.get(0).layout().columns()).containsExactly("s", "i", "d", "b", "n", "o");
    assertThat(rows.get(0).asMap())
        .containsEntry("s", "t")
        .containsEntry("i", 7L)
        .containsEntry("d", new BigDecimal("12.50"))
        .containsEntry("b", true)
        .containsEntry("n", null)
        .containsEntry("o", "{\"k\":[1,2]}");
    assertThat(rows.get(1).get("i")).isNull();
  }

  @Test
  void explicitColumnsAreReadEvenWhenTheFirstRecordLacksThem() {
    server.on("/x", Response.ok("[{\"a\":1},{\"a\":2,\"b\":\"late\"}]"));

    final List<SourceRow> rows =
        readAll(
            JsonApiSource.open(
                client, JsonApiRequest.of(server.uri("/x")).readingColumns(List.of("a", "b"))));

    assertThat(rows).extracting(row -> row.get("b")).containsExactly(null, "late");
  }

  @Test
  void responseWithoutTheRecordsArrayFailsNamingThePointer() {
    server.on("/x", Response.ok("{\"error\":\"nope\"}"));

    assertThatThrownBy(
            () ->
                readAll(
                    JsonApiSource.open(
                        client, JsonApiRequest.of(server.uri("/x")).recordsAt("/data"))))
        .isInstanceOf(EtlException.class)
        .hasMessageContaining("GET " + server.uri("/x"))
        .hasMessageContaining("no array at /data");
  }

  @Test
  void serverErrorFailsNamingStatusAndBody() {
    server.on("/x", new Response(503, "maintenance", Map.of()));

    assertThatThrownBy(() -> JsonApiSource.open(client, JsonApiRequest.of(server.uri("/x"))))
        .isInstanceOf(EtlException.class)
        .hasMessage("GET " + server.uri("/x") + " answered HTTP 503: maintenance");
  }

  @Test
  void invalidJsonFailsNamingTheUrl() {
    server.on("/x", Response.ok("[{\"a\":1},{\"a\":"));

    assertThatThrownBy(
            () -> readAll(JsonApiSource.open(client, JsonApiRequest.of(server.uri("/x")))))
        .isInstanceOf(EtlException.class)
        .hasMessageContaining("GET " + server.uri("/x") + " returned invalid JSON");
  }

  @Test
  void anApiThatNeverStopsPagingIsCutOffAtTheLimit() {
    for (int page = 1; page <= 4; page++) {
      server.on("/loop?page=" + page, Response.ok("[{\"id\":" + page + "}]"));
    }

    assertThatThrownBy(
            () ->
                readAll(
                    JsonApiSource.open(
                        client,
                        JsonApiRequest.of(server.uri("/loop"))
                            .paginatedBy(Pagination.pageNumber("page", 1))
                            .stoppingAfter(3))))
        .isInstanceOf(EtlException.class)
        .hasMessageContaining("stopped after 3 pages");
  }
}
