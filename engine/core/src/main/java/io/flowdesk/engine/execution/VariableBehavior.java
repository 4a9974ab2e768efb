package io.flowdesk.engine.execution;

import io.flowdesk.engine.state.ElementInstance;
import io.flowdesk.engine.state.InstanceState;
import io.flowdesk.engine.state.PendingRecord;
import io.flowdesk.engine.support.Keys;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Variable scopes as Zeebe defines them: an element instance sees its own variables, then those of
 * its flow scopes up to the process instance; a closer one hides a farther one of the same name.
 */
final class VariableBehavior {

  private final InstanceState state;
  private final Keys keys;

  VariableBehavior(final InstanceState state, final Keys keys) {
    this.state = state;
    this.keys = keys;
  }

  /** Name lookup for FEEL, starting at {@code scopeKey}. */
  Function<String, Optional<Object>> lookupFrom(final long scopeKey) {
    return name -> find(scopeKey, name);
  }

  private Optional<Object> find(final long scopeKey, final String name) {
    long scope = scopeKey;
    while (scope > 0) {
      final Optional<InstanceState.Variable> variable = state.localVariable(scope, name);
      if (variable.isPresent()) {
        // A variable holding null and a missing one read the same in FEEL: both are null.
        return Optional.ofNullable(variable.get().value());
      }
      scope = parentScope(scope);
    }
    return Optional.empty();
  }

  /** Every variable visible from {@code scopeKey}, closer scopes winning. */
  Map<String, Object> visibleFrom(final long scopeKey) {
    return state.visibleVariables(scopeKey);
  }

  /** The variables of exactly this scope. */
  Map<String, Object> localFrom(final long scopeKey) {
    final Map<String, Object> local = new LinkedHashMap<>();
    state.localVariables(scopeKey).forEach((name, v) -> local.put(name, v.value()));
    return local;
  }

  private long parentScope(final long scopeKey) {
    return state.elementInstance(scopeKey).map(ElementInstance::flowScopeKey).orElse(0L);
  }

  void setLocal(final long scopeKey, final String name, final Object value) {
    final Optional<InstanceState.Variable> before = state.localVariable(scopeKey, name);
    if (before.isPresent() && Objects.equals(before.get().value(), value)) {
      return;
    }
    final long newKey = before.isPresent() ? before.get().key() : keys.next();
    final boolean created = state.putLocalVariable(scopeKey, name, value, newKey);
    final Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("name", name);
    payload.put("value", value);
    payload.put("scopeKey", scopeKey);
    payload.put("processInstanceKey", state.processInstance().key());
    state.append(
        new PendingRecord(
            newKey,
            "VARIABLE",
            created ? "CREATED" : "UPDATED",
            state.processInstance().key(),
            null,
            payload));
  }

  /**
   * Zeebe's merge ("propagation"): each variable updates the nearest scope, from {@code scopeKey}
   * up, that already has it; variables nobody has yet are created in the process instance scope.
   */
  void merge(final long scopeKey, final Map<String, Object> document) {
    document.forEach((name, value) -> setLocal(owningScope(scopeKey, name), name, value));
  }

  private long owningScope(final long scopeKey, final String name) {
    long scope = scopeKey;
    while (scope > 0) {
      if (state.localVariable(scope, name).isPresent()) {
        return scope;
      }
      scope = parentScope(scope);
    }
    return state.processInstance().key();
  }

  /**
   * Output mappings into {@code flowScopeKey}: a nested output target merges into the existing
   * object instead of replacing it.
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> mergeNested(final long flowScopeKey, final Map<String, Object> outputs) {
    final Map<String, Object> merged = new LinkedHashMap<>();
    final Map<String, Object> visible = visibleFrom(flowScopeKey);
    outputs.forEach(
        (name, value) -> {
          if (value instanceof Map<?, ?> nested
              && visible.get(name) instanceof Map<?, ?> existing) {
            final Map<String, Object> combined =
                new LinkedHashMap<>((Map<String, Object>) existing);
            combined.putAll((Map<String, Object>) nested);
            merged.put(name, combined);
          } else {
            merged.put(name, value);
          }
        });
    return merged;
  }
}
