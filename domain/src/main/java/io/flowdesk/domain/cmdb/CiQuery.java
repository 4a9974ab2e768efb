package io.flowdesk.domain.cmdb;

/**
 * A CI search: name contains {@code text} (ignoring case; {@code %} and {@code _} taken literally),
 * of class {@code className}, in {@code status}; null leaves a criterion out.
 */
public record CiQuery(String text, String className, LifecycleStatus status) {

  public static final CiQuery ALL = new CiQuery(null, null, null);
}
