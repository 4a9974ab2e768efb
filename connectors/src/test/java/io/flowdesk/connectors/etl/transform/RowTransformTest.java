package io.flowdesk.connectors.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowdesk.connectors.etl.EtlException;
import io.flowdesk.connectors.etl.extract.RowLayout;
import io.flowdesk.connectors.etl.extract.SourceRow;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTransformTest {

  private static final RowLayout SOURCE = new RowLayout(List.of("ID", "Email", "Joined", "Age"));

  private static SourceRow row(final Object... values) {
    return new SourceRow(7, SOURCE, values);
  }

  private static final RowTransform CUSTOMERS =
      RowTransform.builder()
          .column("id", "ID", ColumnType.bigint())
          .column("email", "Email", ColumnType.text())
          .column("joined", "Joined", ColumnType.date("dd/MM/yyyy"))
          .column("age", "Age", ColumnType.integer())
          .required("id", "email")
          .derived(
              "domain",
              r -> r.get("email").toString().substring(r.get("email").toString().indexOf('@') + 1),
              ColumnType.text())
          .filter(r -> !"test.invalid".equals(r.get("domain")))
          .check("adult", r -> r.get("age") == null || (Integer) r.get("age") >= 18)
          .build();

  @Test
  void columnsAreRenamedCastAndDerivedInOrder() {
    final RowTransform.Bound bound = CUSTOMERS.bind(SOURCE.columns());

    final Outcome outcome = bound.apply(row("1", "ada@example.org", "10/12/2023", "36"));

    assertThat(bound.layout().columns()).containsExactly("id", "email", "joined", "age", "domain");
    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    assertThat(((Outcome.Accepted) outcome).values())
        .containsExactly(1L, "ada@example.org", LocalDate.of(2023, 12, 10), 36, "example.org");
  }

  @Test
  void filterLeavesRowsOutWithoutRejectingThem() {
    final Outcome outcome =
        CUSTOMERS.bind(SOURCE.columns()).apply(row("2", "bot@test.invalid", "", "3"));

    assertThat(outcome).isInstanceOf(Outcome.Filtered.class);
  }

  @Test
  void failedCastRejectsNamingTheColumnAndValue() {
    final Outcome outcome =
        CUSTOMERS.bind(SOURCE.columns()).apply(row("3", "x@example.org", "2023-12-10", "40"));

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Rejected(
                "column 'joined': '2023-12-10' is not a date in format dd/MM/yyyy"));
  }

  @Test
  void missingRequiredValueRejects() {
    final Outcome outcome = CUSTOMERS.bind(SOURCE.columns()).apply(row("", "a@b.c", "", ""));

    assertThat(outcome).isEqualTo(new Outcome.Rejected("column 'id' is required"));
  }

  @Test
  void failedCheckRejectsNamingTheCheck() {
    final Outcome outcome =
        CUSTOMERS.bind(SOURCE.columns()).apply(row("4", "k@example.org", "", "12"));

    assertThat(outcome).isEqualTo(new Outcome.Rejected("check 'adult' is not met"));
  }

  @Test
  void derivedExpressionFailureNamesTheColumn() {
    final RowTransform transform =
        RowTransform.builder()
            .column("id", "ID", ColumnType.bigint())
            .derived(
                "boom",
                r -> {
                  throw new IllegalStateException("division by zero");
                },
                ColumnType.integer())
            .build();

    final Outcome outcome = transform.bind(SOURCE.columns()).apply(row("1", "", "", ""));

    assertThat(outcome)
        .isEqualTo(new Outcome.Rejected("derived column 'boom' failed: division by zero"));
  }

  @Test
  void passThroughKeepsEverySourceColumnUnchanged() {
    final RowTransform.Bound bound = RowTransform.passThrough().bind(SOURCE.columns());

    final Outcome outcome = bound.apply(row("1", "e", "d", "a"));

    assertThat(bound.layout().columns()).containsExactlyElementsOf(SOURCE.columns());
    assertThat(((Outcome.Accepted) outcome).values()).containsExactly("1", "e", "d", "a");
  }

  @Test
  void mappingAColumnTheSourceLacksFailsNamingIt() {
    final RowTransform transform =
        RowTransform.builder().column("mail", "E-mail", ColumnType.text()).build();

    assertThatThrownBy(() -> transform.bind(SOURCE.columns()))
        .isInstanceOf(EtlException.class)
        .hasMessage("The source has no column 'E-mail' (it has [ID, Email, Joined, Age])");
  }
}
