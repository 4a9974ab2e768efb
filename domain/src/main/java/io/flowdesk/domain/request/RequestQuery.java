package io.flowdesk.domain.request;

import java.time.LocalDate;
import java.util.Set;

/**
 * What the agents' request list searches for; a null or empty part does not narrow it.
 *
 * @param text part of the number or the title, ignoring case
 * @param states any of these states
 * @param person the requester or the person it was requested for (a username)
 * @param item the catalog item's process id
 * @param from created on or after this day (UTC)
 * @param to created on or before this day (UTC)
 */
public record RequestQuery(
    String text,
    Set<RequestState> states,
    String person,
    String item,
    LocalDate from,
    LocalDate to) {

  public RequestQuery {
    states = states == null ? Set.of() : Set.copyOf(states);
  }
}
