package io.flowdesk.engine.state;

import io.flowdesk.engine.model.BpmnElementType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a command changes in one process instance, held in memory while the command runs and
 * written back in one go by {@link InstanceStore#save}. The process instance row is locked for the
 * whole command, so nobody else changes this state meanwhile.
 */
public final class InstanceState {

  /** A variable as stored: its key never changes across updates, as in Zeebe. */
  public record Variable(long key, Object value) {}

  private ProcessInstanceRow processInstance;
  private MigrationChanges migration;
  private final Map<Long, ElementInstance> elementInstances = new LinkedHashMap<>();
  private final Set<Long> insertedElements = new HashSet<>();
  private final Set<Long> updatedElements = new HashSet<>();
  private final Set<Long> deletedElements = new HashSet<>();

  private final Map<Long, Map<String, Variable>> variables = new HashMap<>();
  private final Set<ScopedName> insertedVariables = new LinkedHashSet<>();
  private final Set<ScopedName> updatedVariables = new LinkedHashSet<>();
  private final Set<Long> deletedVariableScopes = new HashSet<>();

  private final Map<JoinPoint, Map<String, Integer>> takenFlows = new HashMap<>();
  private final Set<JoinPoint> changedJoinPoints = new HashSet<>();

  private final List<NewJob> newJobs = new ArrayList<>();
  private final Map<Long, JobClaim> claimedNewJobs = new HashMap<>();
  private final Set<Long> canceledJobs = new LinkedHashSet<>();
  private final List<NewIncident> newIncidents = new ArrayList<>();
  private final Set<Long> resolvedIncidents = new LinkedHashSet<>();
  private final List<PendingRecord> records = new ArrayList<>();
  private final List<NewTimer> newTimers = new ArrayList<>();
  private final List<NewMessageSubscription> newMessageSubscriptions = new ArrayList<>();
  private final List<MessageClaim> messageClaims = new ArrayList<>();
  private final List<NewSignalSubscription> newSignalSubscriptions = new ArrayList<>();
  private final Map<Long, Set<SubscriptionKind>> closedSubscriptionOwners = new LinkedHashMap<>();
  private final Set<ClosedSubscription> closedSubscriptions = new LinkedHashSet<>();
  private final List<NewUserTask> newUserTasks = new ArrayList<>();
  private final Set<Long> canceledUserTaskElements = new LinkedHashSet<>();
  private final CompensationSubscriptions compensations = new CompensationSubscriptions();
  private String newProcessInstanceState;
  private Map<String, Object> finalVariables;
  private final boolean created;
  private Set<String> tags = Set.of();

  record ScopedName(long scopeKey, String name) {}

  /** A new job activated for a worker by the command that creates it (pushed to a job stream). */
  public record JobClaim(String worker, Instant deadline) {}

  /** Where tokens wait at a joining gateway: the gateway in one flow scope instance. */
  public record JoinPoint(long flowScopeKey, String gatewayId) {}

  InstanceState(final ProcessInstanceRow processInstance, final boolean created) {
    this.processInstance = processInstance;
    this.created = created;
  }

  public static InstanceState forNewInstance(final ProcessInstanceRow processInstance) {
    return new InstanceState(processInstance, true);
  }

  /** A new instance with the tags its creator gave it (checked already). */
  public static InstanceState forNewInstance(
      final ProcessInstanceRow processInstance, final Set<String> tags) {
    final InstanceState state = new InstanceState(processInstance, true);
    state.tags = tags;
    return state;
  }

  /** The tags of a new instance, written with its row; empty for instances loaded. */
  Set<String> tags() {
    return tags;
  }

  public ProcessInstanceRow processInstance() {
    return processInstance;
  }

  boolean created() {
    return created;
  }

  // ---- migration

  /**
   * Moves the instance onto another process definition; what else moves with it (element ids, jobs,
   * subscriptions) is collected in the answer and written by {@link InstanceStore#save}.
   */
  public MigrationChanges migrateTo(
      final long processDefinitionKey, final String bpmnProcessId, final int version) {
    processInstance =
        new ProcessInstanceRow(
            processInstance.key(),
            processDefinitionKey,
            bpmnProcessId,
            version,
            processInstance.state(),
            processInstance.parentProcessInstanceKey(),
            processInstance.parentElementInstanceKey(),
            processInstance.rootProcessInstanceKey());
    migration = new MigrationChanges(processInstance);
    return migration;
  }

  /** Maps an element instance onto the element {@code elementId} of the new definition. */
  public void renameElement(final ElementInstance instance, final String elementId) {
    instance.elementId(elementId);
    migration.renamedElement(instance.key(), elementId);
  }

  MigrationChanges migration() {
    return migration;
  }

  /** Completed activities that compensation may undo, and the handlers running. */
  public CompensationSubscriptions compensations() {
    return compensations;
  }

  // ---- element instances

  void load(final ElementInstance instance) {
    elementInstances.put(instance.key(), instance);
  }

  public ElementInstance addElementInstance(
      final long key, final long flowScopeKey, final String elementId, final BpmnElementType type) {
    final ElementInstance instance =
        new ElementInstance(
            key,
            processInstance.key(),
            flowScopeKey,
            elementId,
            type,
            ElementInstance.State.ACTIVATING);
    elementInstances.put(key, instance);
    insertedElements.add(key);
    return instance;
  }

  public Optional<ElementInstance> elementInstance(final long key) {
    return Optional.ofNullable(elementInstances.get(key));
  }

  public void transition(final ElementInstance instance, final ElementInstance.State state) {
    instance.state(state);
    if (!insertedElements.contains(instance.key())) {
      updatedElements.add(instance.key());
    }
  }

  /**
   * Marks an ad-hoc sub-process whose worker fulfilled its completion condition. Written as an
   * update even for an instance inserted by this command (the insert does not carry it), which the
   * store runs after the insert.
   */
  public void completionConditionFulfilled(final ElementInstance instance) {
    instance.completionConditionFulfilled(true);
    updatedElements.add(instance.key());
  }

  public void listenerIndex(final ElementInstance instance, final int index) {
    instance.listenerIndex(index);
    if (!insertedElements.contains(instance.key())) {
      updatedElements.add(instance.key());
    }
  }

  /** Removes an ended element instance together with its local variables. */
  public void removeElementInstance(final ElementInstance instance) {
    if (instance.isProcess()) {
      final Map<String, Object> last = new LinkedHashMap<>();
      localVariables(instance.key()).forEach((name, variable) -> last.put(name, variable.value()));
      finalVariables = last;
    }
    elementInstances.remove(instance.key());
    if (!insertedElements.remove(instance.key())) {
      deletedElements.add(instance.key());
    }
    updatedElements.remove(instance.key());
    removeScope(instance.key());
  }

  public List<ElementInstance> children(final long flowScopeKey) {
    return elementInstances.values().stream()
        .filter(instance -> instance.flowScopeKey() == flowScopeKey && !instance.isProcess())
        .toList();
  }

  public Optional<ElementInstance> processElementInstance() {
    return Optional.ofNullable(elementInstances.get(processInstance.key()));
  }

  // ---- variables

  void loadVariable(final long scopeKey, final String name, final Variable variable) {
    variables.computeIfAbsent(scopeKey, scope -> new LinkedHashMap<>()).put(name, variable);
  }

  public Map<String, Variable> localVariables(final long scopeKey) {
    return Collections.unmodifiableMap(variables.getOrDefault(scopeKey, Map.of()));
  }

  /**
   * Every variable visible from {@code scopeKey}: its own, then its flow scopes', closer winning.
   */
  public Map<String, Object> visibleVariables(final long scopeKey) {
    final Map<String, Object> visible = new LinkedHashMap<>();
    long scope = scopeKey;
    while (scope > 0) {
      localVariables(scope).forEach((name, v) -> visible.putIfAbsent(name, v.value()));
      scope = elementInstance(scope).map(ElementInstance::flowScopeKey).orElse(0L);
    }
    return visible;
  }

  public Optional<Variable> localVariable(final long scopeKey, final String name) {
    return Optional.ofNullable(variables.getOrDefault(scopeKey, Map.of()).get(name));
  }

  /** Creates or replaces a variable in exactly this scope; answers whether it was created. */
  public boolean putLocalVariable(
      final long scopeKey, final String name, final Object value, final long newKey) {
    final Map<String, Variable> scope =
        variables.computeIfAbsent(scopeKey, s -> new LinkedHashMap<>());
    final Variable existing = scope.get(name);
    final ScopedName scopedName = new ScopedName(scopeKey, name);
    if (existing == null) {
      scope.put(name, new Variable(newKey, value));
      insertedVariables.add(scopedName);
      return true;
    }
    scope.put(name, new Variable(existing.key(), value));
    if (!insertedVariables.contains(scopedName)) {
      updatedVariables.add(scopedName);
    }
    return false;
  }

  private void removeScope(final long scopeKey) {
    final Map<String, Variable> removed = variables.remove(scopeKey);
    if (removed == null) {
      return;
    }
    for (final String name : removed.keySet()) {
      final ScopedName scopedName = new ScopedName(scopeKey, name);
      insertedVariables.remove(scopedName);
      updatedVariables.remove(scopedName);
    }
    deletedVariableScopes.add(scopeKey);
  }

  // ---- joining gateways

  void loadTakenFlow(final JoinPoint joinPoint, final String flowId, final int count) {
    takenFlows.computeIfAbsent(joinPoint, j -> new HashMap<>()).put(flowId, count);
  }

  public Map<String, Integer> takenFlows(final JoinPoint joinPoint) {
    return Collections.unmodifiableMap(takenFlows.getOrDefault(joinPoint, Map.of()));
  }

  public Set<JoinPoint> joinPointsIn(final long flowScopeKey) {
    final Set<JoinPoint> result = new LinkedHashSet<>();
    for (final Map.Entry<JoinPoint, Map<String, Integer>> entry : takenFlows.entrySet()) {
      if (entry.getKey().flowScopeKey() == flowScopeKey
          && entry.getValue().values().stream().anyMatch(count -> count > 0)) {
        result.add(entry.getKey());
      }
    }
    return result;
  }

  public void addTakenFlow(final JoinPoint joinPoint, final String flowId, final int delta) {
    takenFlows.computeIfAbsent(joinPoint, j -> new HashMap<>()).merge(flowId, delta, Integer::sum);
    changedJoinPoints.add(joinPoint);
  }

  // ---- jobs, incidents, records

  public void addJob(final NewJob job) {
    newJobs.add(job);
  }

  /** Stores the new job as activated for {@code claim}'s worker rather than activatable. */
  public void claimNewJob(final long jobKey, final JobClaim claim) {
    claimedNewJobs.put(jobKey, claim);
  }

  public Optional<JobClaim> claimOfNewJob(final long jobKey) {
    return Optional.ofNullable(claimedNewJobs.get(jobKey));
  }

  public void cancelJob(final long jobKey) {
    if (!newJobs.removeIf(job -> job.key() == jobKey)) {
      canceledJobs.add(jobKey);
    }
  }

  public void addIncident(final NewIncident incident) {
    newIncidents.add(incident);
  }

  public void resolveIncident(final long incidentKey) {
    if (!newIncidents.removeIf(incident -> incident.key() == incidentKey)) {
      resolvedIncidents.add(incidentKey);
    }
  }

  // ---- event subscriptions and user tasks

  public void addTimer(final NewTimer timer) {
    newTimers.add(timer);
  }

  public void addMessageSubscription(final NewMessageSubscription subscription) {
    newMessageSubscriptions.add(subscription);
  }

  public void addSignalSubscription(final NewSignalSubscription subscription) {
    newSignalSubscriptions.add(subscription);
  }

  /**
   * Closes every subscription the element instance opened, stored or opened in this command; {@code
   * kinds} says which tables can hold some, so no other is touched.
   */
  public void closeSubscriptionsOf(
      final long elementInstanceKey, final Set<SubscriptionKind> kinds) {
    newTimers.removeIf(t -> Long.valueOf(elementInstanceKey).equals(t.elementInstanceKey()));
    newMessageSubscriptions.removeIf(s -> s.elementInstanceKey() == elementInstanceKey);
    newSignalSubscriptions.removeIf(s -> s.elementInstanceKey() == elementInstanceKey);
    if (!insertedElements.contains(elementInstanceKey) && !kinds.isEmpty()) {
      closedSubscriptionOwners
          .computeIfAbsent(elementInstanceKey, key -> EnumSet.noneOf(SubscriptionKind.class))
          .addAll(kinds);
    }
  }

  /** Closes one subscription of an element instance: the one of event {@code elementId}. */
  public void closeSubscription(final long elementInstanceKey, final String elementId) {
    newTimers.removeIf(
        t ->
            Long.valueOf(elementInstanceKey).equals(t.elementInstanceKey())
                && t.elementId().equals(elementId));
    newMessageSubscriptions.removeIf(
        s -> s.elementInstanceKey() == elementInstanceKey && s.elementId().equals(elementId));
    newSignalSubscriptions.removeIf(
        s -> s.elementInstanceKey() == elementInstanceKey && s.elementId().equals(elementId));
    if (!insertedElements.contains(elementInstanceKey)) {
      closedSubscriptions.add(new ClosedSubscription(elementInstanceKey, elementId));
    }
  }

  /** One event subscription of an element instance that closed while others stay open. */
  record ClosedSubscription(long elementInstanceKey, String elementId) {}

  Set<ClosedSubscription> closedSubscriptions() {
    return closedSubscriptions;
  }

  /** Message subscriptions opened by this command, to correlate buffered messages to. */
  public List<NewMessageSubscription> newMessageSubscriptions() {
    return newMessageSubscriptions;
  }

  /** A message the command correlated to a process, claimed for that process when it saves. */
  record MessageClaim(long messageKey, String bpmnProcessId) {}

  /**
   * Claims a message for a process with this command's save, sparing the round trip of claiming it
   * at once: only for a message its own transaction published, which no other can see, let alone
   * claim, before that commits.
   */
  public void claimNewMessage(final long messageKey, final String bpmnProcessId) {
    messageClaims.add(new MessageClaim(messageKey, bpmnProcessId));
  }

  List<MessageClaim> messageClaims() {
    return messageClaims;
  }

  public void addUserTask(final NewUserTask task) {
    newUserTasks.add(task);
  }

  /** The user task of a terminated element instance is canceled with it. */
  public void cancelUserTaskOf(final long elementInstanceKey) {
    if (!newUserTasks.removeIf(task -> task.elementInstanceKey() == elementInstanceKey)) {
      canceledUserTaskElements.add(elementInstanceKey);
    }
  }

  public void append(final PendingRecord record) {
    records.add(record);
  }

  public void endProcessInstance(final String state) {
    newProcessInstanceState = state;
  }

  /** Whether the instance ended in this command. */
  public boolean ended() {
    return newProcessInstanceState != null;
  }

  public boolean completed() {
    return "COMPLETED".equals(newProcessInstanceState);
  }

  /** The process instance's variables as they were when it ended; null while it runs. */
  public Map<String, Object> finalVariables() {
    return finalVariables;
  }

  public List<NewJob> newJobs() {
    return newJobs;
  }

  // ---- read by InstanceStore when saving

  Set<Long> insertedElements() {
    return insertedElements;
  }

  Set<Long> updatedElements() {
    return updatedElements;
  }

  Set<Long> deletedElements() {
    return deletedElements;
  }

  ElementInstance element(final long key) {
    return elementInstances.get(key);
  }

  Set<ScopedName> insertedVariables() {
    return insertedVariables;
  }

  Set<ScopedName> updatedVariables() {
    return updatedVariables;
  }

  Set<Long> deletedVariableScopes() {
    return deletedVariableScopes;
  }

  Variable variable(final ScopedName name) {
    return variables.get(name.scopeKey()).get(name.name());
  }

  Set<JoinPoint> changedJoinPoints() {
    return changedJoinPoints;
  }

  Set<Long> canceledJobs() {
    return canceledJobs;
  }

  List<NewIncident> newIncidents() {
    return newIncidents;
  }

  Set<Long> resolvedIncidents() {
    return resolvedIncidents;
  }

  List<NewTimer> newTimers() {
    return newTimers;
  }

  List<NewSignalSubscription> newSignalSubscriptions() {
    return newSignalSubscriptions;
  }

  Map<Long, Set<SubscriptionKind>> closedSubscriptionOwners() {
    return closedSubscriptionOwners;
  }

  List<NewUserTask> newUserTasks() {
    return newUserTasks;
  }

  Set<Long> canceledUserTaskElements() {
    return canceledUserTaskElements;
  }

  List<PendingRecord> records() {
    return records;
  }

  String newProcessInstanceState() {
    return newProcessInstanceState;
  }
}
