package io.flowdesk.domain.change;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tables {@code change_request_authorization} and {@code change_request_vote} (V26): the last
 * authorization of each change with its votes. Called inside {@link ChangeRecords}' transactions;
 * recording again (a retried job, a second authorization) replaces what was there.
 */
class ChangeAuthorizations {

  private final JdbcClient jdbc;

  ChangeAuthorizations(final DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  void record(final long changeId, final AuthorizationRecord record) {
    jdbc.sql("DELETE FROM domain.change_request_vote WHERE change_request_id = :id")
        .param("id", changeId)
        .update();
    jdbc.sql(
            """
            INSERT INTO domain.change_request_authorization (change_request_id, authority, outcome,
              quorum, recorded_at)
            VALUES (:id, :authority, :outcome, :quorum, :at)
            ON CONFLICT (change_request_id) DO UPDATE SET authority = EXCLUDED.authority,
              outcome = EXCLUDED.outcome, quorum = EXCLUDED.quorum,
              recorded_at = EXCLUDED.recorded_at
            """)
        .param("id", changeId)
        .param("authority", record.authority())
        .param("outcome", record.outcome().name())
        .param("quorum", record.quorum())
        .param("at", Timestamp.from(record.recordedAt()))
        .update();
    int position = 0;
    for (final AuthorizationVote vote : record.votes()) {
      jdbc.sql(
              """
              INSERT INTO domain.change_request_vote (change_request_id, position, approver,
                decision, comment, decided_at, delegated_from)
              VALUES (:id, :position, :approver, :decision, :comment, :at, :delegatedFrom)
              """)
          .param("id", changeId)
          .param("position", position++)
          .param("approver", vote.approver())
          .param("decision", vote.decision().name())
          .param("comment", vote.comment())
          .param("at", Timestamp.from(vote.decidedAt()))
          .param("delegatedFrom", vote.delegatedFrom())
          .update();
    }
  }

  Optional<AuthorizationRecord> of(final long changeId) {
    final List<AuthorizationVote> votes =
        jdbc.sql(
                "SELECT approver, decision, comment, decided_at, delegated_from"
                    + " FROM domain.change_request_vote WHERE change_request_id = :id"
                    + " ORDER BY position")
            .param("id", changeId)
            .query(
                (row, n) ->
                    new AuthorizationVote(
                        row.getString("approver"),
                        VoteDecision.valueOf(row.getString("decision")),
                        row.getString("comment"),
                        row.getTimestamp("decided_at").toInstant(),
                        row.getString("delegated_from")))
            .list();
    return jdbc.sql(
            "SELECT authority, outcome, quorum, recorded_at"
                + " FROM domain.change_request_authorization WHERE change_request_id = :id")
        .param("id", changeId)
        .query(
            (row, n) ->
                new AuthorizationRecord(
                    row.getString("authority"),
                    Authorization.valueOf(row.getString("outcome")),
                    (Integer) row.getObject("quorum"),
                    votes,
                    row.getTimestamp("recorded_at").toInstant()))
        .optional();
  }
}
