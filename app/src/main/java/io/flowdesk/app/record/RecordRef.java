package io.flowdesk.app.record;

import io.flowdesk.domain.record.RecordCore;
import java.util.Objects;

/**
 * One record of any kind as the shared pages and APIs handle it: its kind's record core (journal,
 * attachments, audit trail), its id and its number. Each kind's {@link RecordAccess} makes them.
 */
public record RecordRef(RecordCore core, long id, String number) {

  public RecordRef {
    Objects.requireNonNull(core, "core");
    Objects.requireNonNull(number, "number");
  }

  /** How messages name the record, e.g. "incident INC0000001". */
  public String named() {
    return core.kind().noun() + " " + number;
  }
}
