package io.flowdesk.engine.dmn;

import java.util.List;
import org.camunda.dmn.parser.ParsedDmn;

/**
 * A parsed decision requirements graph: ids and names for deployment metadata plus dmn-scala's
 * parsed form, kept so evaluation does not parse the XML again.
 */
public final class ParsedDrg {

  private final String id;
  private final String name;
  private final List<DecisionInfo> decisions;
  private final ParsedDmn parsedDmn;

  ParsedDrg(
      final String id,
      final String name,
      final List<DecisionInfo> decisions,
      final ParsedDmn parsedDmn) {
    this.id = id;
    this.name = name;
    this.decisions = List.copyOf(decisions);
    this.parsedDmn = parsedDmn;
  }

  /** The {@code definitions} id, Zeebe's {@code decisionRequirementsId}. */
  public String id() {
    return id;
  }

  /** The {@code definitions} name, null when the DMN gives none. */
  public String name() {
    return name;
  }

  /** Every decision of the DRG, in document order. */
  public List<DecisionInfo> decisions() {
    return decisions;
  }

  ParsedDmn parsedDmn() {
    return parsedDmn;
  }

  @Override
  public String toString() {
    return "ParsedDrg[id=" + id + ", name=" + name + ", decisions=" + decisions + "]";
  }
}
