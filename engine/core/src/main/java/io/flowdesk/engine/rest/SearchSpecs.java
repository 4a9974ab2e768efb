package io.flowdesk.engine.rest;

import static io.flowdesk.engine.rest.SearchField.bool;
import static io.flowdesk.engine.rest.SearchField.date;
import static io.flowdesk.engine.rest.SearchField.integer;
import static io.flowdesk.engine.rest.SearchField.key;
import static io.flowdesk.engine.rest.SearchField.text;
import static io.flowdesk.engine.rest.SearchField.textList;

import io.flowdesk.engine.support.Json;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The searchable entities over the engine's tables, with the property names of Camunda's REST API.
 * Process instances and incidents include ended ones (until history retention removes them);
 * element instances and variables of named process instances too (read from the record log); jobs
 * are the live ones only.
 */
final class SearchSpecs {

  private static final String TENANT = "'<default>'::text";
  // Camunda's REST API truncates variable values longer than this unless asked not to.
  static final int VARIABLE_PREVIEW_CHARS = 8191;

  private SearchSpecs() {}

  /** Deployed process definitions, deleted ones excepted. */
  static final SearchSpec PROCESS_DEFINITIONS =
      SearchSpec.of(
          "process definitions",
          "(SELECT * FROM engine.process_definition WHERE NOT deleted) d",
          "d.key",
          List.of(
              key("processDefinitionKey", "d.key"),
              text("processDefinitionId", "d.bpmn_process_id"),
              text("name", "d.name"),
              text("resourceName", "d.resource_name"),
              integer("version", "d.version"),
              text("versionTag", "d.version_tag"),
              bool("hasStartForm", "d.has_start_form"),
              bool(
                  "isLatestVersion",
                  "(d.version = (SELECT max(l.version) FROM engine.process_definition l"
                      + " WHERE l.bpmn_process_id = d.bpmn_process_id AND NOT l.deleted))"),
              text("tenantId", TENANT)),
          row -> {
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("processDefinitionKey", row.key("processDefinitionKey"));
            item.put("processDefinitionId", row.text("processDefinitionId"));
            item.put("name", row.text("name"));
            item.put("resourceName", row.text("resourceName"));
            item.put("version", row.integer("version"));
            item.put("versionTag", row.text("versionTag"));
            item.put("hasStartForm", row.bool("hasStartForm"));
            item.put("tenantId", row.text("tenantId"));
            return item;
          });

  /** Deployed decisions, deleted ones excepted, with the requirements graph they belong to. */
  static final SearchSpec DECISION_DEFINITIONS =
      SearchSpec.of(
          "decision definitions",
          "(SELECT d.*, r.decision_requirements_id FROM engine.decision d"
              + " JOIN engine.decision_requirements r ON r.key = d.decision_requirements_key"
              + " WHERE NOT d.deleted) d",
          "d.key",
          List.of(
              key("decisionDefinitionKey", "d.key"),
              text("decisionDefinitionId", "d.decision_id"),
              text("name", "d.name"),
              integer("version", "d.version"),
              text("decisionRequirementsId", "d.decision_requirements_id"),
              key("decisionRequirementsKey", "d.decision_requirements_key"),
              text("tenantId", TENANT)),
          row -> {
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("decisionDefinitionKey", row.key("decisionDefinitionKey"));
            item.put("decisionDefinitionId", row.text("decisionDefinitionId"));
            item.put("name", row.text("name"));
            item.put("version", row.integer("version"));
            item.put("decisionRequirementsId", row.text("decisionRequirementsId"));
            item.put("decisionRequirementsKey", row.key("decisionRequirementsKey"));
            item.put("tenantId", row.text("tenantId"));
            return item;
          });

  /** Deployed decision requirements graphs (DRGs, one per DMN resource), deleted ones excepted. */
  static final SearchSpec DECISION_REQUIREMENTS =
      SearchSpec.of(
          "decision requirements",
          "(SELECT * FROM engine.decision_requirements WHERE NOT deleted) r",
          "r.key",
          List.of(
              key("decisionRequirementsKey", "r.key"),
              text("decisionRequirementsId", "r.decision_requirements_id"),
              text("decisionRequirementsName", "r.name"),
              integer("version", "r.version"),
              text("resourceName", "r.resource_name"),
              text("tenantId", TENANT)),
          row -> {
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("decisionRequirementsKey", row.key("decisionRequirementsKey"));
            item.put("decisionRequirementsId", row.text("decisionRequirementsId"));
            item.put("decisionRequirementsName", row.text("decisionRequirementsName"));
            item.put("version", row.integer("version"));
            item.put("resourceName", row.text("resourceName"));
            item.put("tenantId", row.text("tenantId"));
            return item;
          });

  /**
   * Deployed forms, deleted ones excepted (not in Camunda 8.8's API, which reads forms only through
   * a task or a start event; the items are Camunda 8.10's form result without the schema).
   */
  static final SearchSpec FORMS =
      SearchSpec.of(
          "forms",
          "(SELECT * FROM engine.form WHERE NOT deleted) f",
          "f.key",
          List.of(
              key("formKey", "f.key"),
              text("formId", "f.form_id"),
              integer("version", "f.version"),
              text("versionTag", "f.version_tag"),
              text("resourceName", "f.resource_name"),
              text("tenantId", TENANT)),
          row -> {
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("formKey", row.key("formKey"));
            item.put("formId", row.text("formId"));
            item.put("version", row.integer("version"));
            item.put("versionTag", row.text("versionTag"));
            item.put("resourceName", row.text("resourceName"));
            item.put("tenantId", row.text("tenantId"));
            return item;
          });

  static final SearchSpec PROCESS_INSTANCES =
      SearchSpec.of(
          "process instances",
          "engine.process_instance p JOIN engine.process_definition d"
              + " ON d.key = p.process_definition_key",
          "p.key",
          List.of(
              key("processInstanceKey", "p.key"),
              text("processDefinitionId", "p.bpmn_process_id"),
              text("processDefinitionName", "d.name"),
              integer("processDefinitionVersion", "p.version"),
              text("processDefinitionVersionTag", "d.version_tag"),
              key("processDefinitionKey", "p.process_definition_key"),
              key("parentProcessInstanceKey", "p.parent_process_instance_key"),
              key("parentElementInstanceKey", "p.parent_element_instance_key"),
              date("startDate", "p.created_at"),
              date("endDate", "p.ended_at"),
              text("state", "p.state"),
              bool(
                  "hasIncident",
                  "EXISTS (SELECT 1 FROM engine.incident i WHERE i.process_instance_key = p.key"
                      + " AND i.state = 'CREATED')"),
              text("tenantId", TENANT),
              SearchField.variables("variables", "p.key"),
              // Camunda's "instances with an element instance of this element"; here the live ones,
              // as ended element instances are kept in the record log alone.
              SearchField.textSet(
                  "elementId",
                  "engine.element_instance e WHERE e.process_instance_key = p.key"
                      + " AND e.element_id"),
              // The column itself (NULL without tags), so that "has this tag" can use V23's
              // partial index of the instances with tags; the filter reads NULL as no tags.
              textList("tags", "p.tags")),
          row -> {
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("processInstanceKey", row.key("processInstanceKey"));
            item.put("processDefinitionId", row.text("processDefinitionId"));
            item.put("processDefinitionName", row.text("processDefinitionName"));
            item.put("processDefinitionVersion", row.integer("processDefinitionVersion"));
            item.put("processDefinitionVersionTag", row.text("processDefinitionVersionTag"));
            item.put("processDefinitionKey", row.key("processDefinitionKey"));
            item.put("parentProcessInstanceKey", row.key("parentProcessInstanceKey"));
            item.put("parentElementInstanceKey", row.key("parentElementInstanceKey"));
            item.put("startDate", row.date("startDate"));
            item.put("endDate", row.date("endDate"));
            item.put("state", row.text("state"));
            item.put("hasIncident", row.bool("hasIncident"));
            item.put("tenantId", row.text("tenantId"));
            final String tags = row.text("tags");
            item.put("tags", tags == null ? List.of() : Json.read(tags));
            return item;
          });

  /** Live element instances (as the element instances of {@link #elementInstancesOf}, ACTIVE). */
  static final SearchSpec ELEMENT_INSTANCES =
      elementInstances(
          "engine.element_instance e",
          "'ACTIVE'::text",
          "(SELECT min(r.created_at) FROM engine.record r WHERE r.process_instance_key ="
              + " e.process_instance_key AND r.key = e.key)",
          "NULL::timestamptz");

  /** The lifecycle records of element instances, whose last one says how they ended. */
  private static final String ELEMENT_INTENTS =
      "'ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED',"
          + " 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED', 'ELEMENT_MIGRATED'";

  /**
   * The element instances of the given process instances, live and ended: the live ones from the
   * state, the ended ones (within history retention) from their records in the record log, read
   * through its process instance index. An ended one takes the element id, type and flow scope of
   * its last record (a migration may have moved it), its start from its first record and its end
   * from the completing or terminating one.
   */
  static SearchSpec elementInstancesOf(final Collection<Long> processInstanceKeys) {
    final String keys = keyList(processInstanceKeys);
    return elementInstances(
        """
        (SELECT l.key, l.process_instance_key, l.flow_scope_key, l.element_id, l.element_type,
                'ACTIVE'::text AS state,
                (SELECT min(r.created_at) FROM engine.record r
                  WHERE r.process_instance_key = l.process_instance_key AND r.key = l.key)
                  AS start_date,
                NULL::timestamptz AS end_date
           FROM engine.element_instance l WHERE l.process_instance_key IN (%1$s)
         UNION ALL
         SELECT r.key, min(r.process_instance_key),
                nullif((array_agg(r.payload::json ->> 'flowScopeKey' ORDER BY r.position DESC))[1]
                  ::bigint, -1),
                (array_agg(r.element_id ORDER BY r.position DESC))[1],
                (array_agg(r.payload::json ->> 'bpmnElementType' ORDER BY r.position DESC))[1],
                CASE WHEN bool_or(r.intent = 'ELEMENT_COMPLETED') THEN 'COMPLETED'
                     ELSE 'TERMINATED' END,
                min(r.created_at),
                max(r.created_at) FILTER (WHERE r.intent IN ('ELEMENT_COMPLETED',
                  'ELEMENT_TERMINATED'))
           FROM engine.record r
          WHERE r.process_instance_key IN (%1$s) AND r.value_type = 'PROCESS_INSTANCE'
            AND r.intent IN (%2$s)
          GROUP BY r.key
         HAVING bool_or(r.intent IN ('ELEMENT_COMPLETED', 'ELEMENT_TERMINATED'))) e"""
            .formatted(keys, ELEMENT_INTENTS),
        "e.state",
        "e.start_date",
        "e.end_date");
  }

  private static String keyList(final Collection<Long> keys) {
    return keys.stream().map(key -> Long.toString(key)).collect(Collectors.joining(", "));
  }

  private static SearchSpec elementInstances(
      final String from, final String state, final String startDate, final String endDate) {
    return SearchSpec.of(
        "element instances",
        from + " JOIN engine.process_instance p ON p.key = e.process_instance_key",
        "e.key",
        List.of(
            key("elementInstanceKey", "e.key"),
            key("processInstanceKey", "e.process_instance_key"),
            key("processDefinitionKey", "p.process_definition_key"),
            text("processDefinitionId", "p.bpmn_process_id"),
            text("elementId", "e.element_id"),
            text("elementName", "NULL::text"),
            text("type", "e.element_type"),
            text("state", state),
            bool(
                "hasIncident",
                "EXISTS (SELECT 1 FROM engine.incident i WHERE i.element_instance_key = e.key"
                    + " AND i.state = 'CREATED')"),
            key(
                "incidentKey",
                "(SELECT min(i.key) FROM engine.incident i WHERE i.element_instance_key = e.key"
                    + " AND i.state = 'CREATED')"),
            date("startDate", startDate),
            date("endDate", endDate),
            key("elementInstanceScopeKey", "e.flow_scope_key"),
            text("tenantId", TENANT)),
        row -> {
          final Map<String, Object> item = new LinkedHashMap<>();
          item.put("elementInstanceKey", row.key("elementInstanceKey"));
          item.put("processInstanceKey", row.key("processInstanceKey"));
          item.put("processDefinitionKey", row.key("processDefinitionKey"));
          item.put("processDefinitionId", row.text("processDefinitionId"));
          item.put("elementId", row.text("elementId"));
          item.put("elementName", row.text("elementName"));
          item.put("type", row.text("type"));
          item.put("state", row.text("state"));
          item.put("hasIncident", row.bool("hasIncident"));
          item.put("incidentKey", row.key("incidentKey"));
          item.put("startDate", row.date("startDate"));
          item.put("endDate", row.date("endDate"));
          item.put("tenantId", row.text("tenantId"));
          return item;
        });
  }

  static final SearchSpec INCIDENTS =
      incidents(
          "engine.incident i JOIN engine.process_instance p ON p.key = i.process_instance_key");

  /** Incidents of a process instance and of every instance its call activities started. */
  static SearchSpec incidentsCausedBy(final long processInstanceKey) {
    return incidents(
        """
        engine.incident i JOIN engine.process_instance p ON p.key = i.process_instance_key
         AND p.key IN (WITH RECURSIVE called (key) AS (
               SELECT %d::bigint
               UNION ALL
               SELECT c.key FROM engine.process_instance c
                 JOIN called ON c.parent_process_instance_key = called.key)
             SELECT key FROM called)"""
            .formatted(processInstanceKey));
  }

  private static SearchSpec incidents(final String from) {
    return SearchSpec.of(
        "incidents",
        from,
        "i.key",
        List.of(
            key("incidentKey", "i.key"),
            key("processDefinitionKey", "p.process_definition_key"),
            text("processDefinitionId", "p.bpmn_process_id"),
            key("processInstanceKey", "i.process_instance_key"),
            text("errorType", "i.error_type"),
            text("errorMessage", "i.error_message"),
            text("elementId", "i.element_id"),
            key("elementInstanceKey", "i.element_instance_key"),
            date("creationTime", "i.created_at"),
            text("state", "CASE i.state WHEN 'CREATED' THEN 'ACTIVE' ELSE i.state END"),
            key("jobKey", "i.job_key"),
            text("tenantId", TENANT)),
        row -> {
          final Map<String, Object> item = new LinkedHashMap<>();
          item.put("incidentKey", row.key("incidentKey"));
          item.put("processDefinitionKey", row.key("processDefinitionKey"));
          item.put("processDefinitionId", row.text("processDefinitionId"));
          item.put("processInstanceKey", row.key("processInstanceKey"));
          item.put("errorType", row.text("errorType"));
          item.put("errorMessage", row.text("errorMessage"));
          item.put("elementId", row.text("elementId"));
          item.put("elementInstanceKey", row.key("elementInstanceKey"));
          item.put("creationTime", row.date("creationTime"));
          item.put("state", row.text("state"));
          item.put("jobKey", row.key("jobKey"));
          item.put("tenantId", row.text("tenantId"));
          return item;
        });
  }

  /** A column read into results that no filter or sort may name (JSON held as text). */
  private static SearchField shown(final String name, final String sql) {
    return new SearchField(name, sql, SearchField.Kind.TEXT, false);
  }

  /** Camunda user tasks: open ones and those completed or canceled before history cleanup. */
  static final SearchSpec USER_TASKS =
      SearchSpec.of(
          "user tasks",
          // The definition gives the task its process's name (Camunda 8.8's processName).
          "engine.user_task t LEFT JOIN engine.process_definition d"
              + " ON d.key = t.process_definition_key",
          "t.key",
          List.of(
              key("userTaskKey", "t.key"),
              text("state", "t.state"),
              text("assignee", "t.assignee"),
              text("elementId", "t.element_id"),
              text("name", "t.name"),
              key("elementInstanceKey", "t.element_instance_key"),
              key("processInstanceKey", "t.process_instance_key"),
              key("processDefinitionKey", "t.process_definition_key"),
              text("processDefinitionId", "t.bpmn_process_id"),
              shown("processName", "d.name"),
              integer("processDefinitionVersion", "t.process_definition_version"),
              integer("priority", "t.priority"),
              date("creationDate", "t.created_at"),
              date("completionDate", "t.completed_at"),
              date("dueDate", "t.due_date"),
              date("followUpDate", "t.follow_up_date"),
              key("formKey", "t.form_key"),
              text("externalFormReference", "t.external_form_reference"),
              shown("candidateGroupsJson", "t.candidate_groups"),
              shown("candidateUsersJson", "t.candidate_users"),
              textList("candidateGroup", "t.candidate_groups"),
              textList("candidateUser", "t.candidate_users"),
              SearchField.variables("processInstanceVariables", "t.process_instance_key"),
              SearchField.variables("localVariables", "t.element_instance_key"),
              shown("customHeadersJson", "t.custom_headers"),
              text("tenantId", TENANT)),
          row -> {
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("userTaskKey", row.key("userTaskKey"));
            item.put("name", row.text("name"));
            item.put("state", row.text("state"));
            item.put("assignee", row.text("assignee"));
            item.put("elementId", row.text("elementId"));
            item.put("elementInstanceKey", row.key("elementInstanceKey"));
            item.put("candidateGroups", Json.read(row.text("candidateGroupsJson")));
            item.put("candidateUsers", Json.read(row.text("candidateUsersJson")));
            item.put("processDefinitionId", row.text("processDefinitionId"));
            item.put("processName", row.text("processName"));
            item.put("processDefinitionKey", row.key("processDefinitionKey"));
            item.put("processDefinitionVersion", row.integer("processDefinitionVersion"));
            item.put("processInstanceKey", row.key("processInstanceKey"));
            item.put("formKey", row.key("formKey"));
            item.put("creationDate", row.date("creationDate"));
            item.put("completionDate", row.date("completionDate"));
            item.put("dueDate", row.date("dueDate"));
            item.put("followUpDate", row.date("followUpDate"));
            item.put("externalFormReference", row.text("externalFormReference"));
            item.put("customHeaders", Json.read(row.text("customHeadersJson")));
            item.put("priority", row.integer("priority"));
            item.put("tenantId", row.text("tenantId"));
            return item;
          });

  /** Variables; values longer than the preview are cut unless {@code truncate} is false. */
  static SearchSpec variables(final boolean truncate) {
    return variables("engine.variable v", truncate);
  }

  /**
   * The variables of the given process instances: those of live scopes, and for scopes that ended
   * (the whole instance, once it ended) each variable's last value from the record log (within
   * history retention), read through its process instance index.
   */
  static SearchSpec variablesOf(
      final Collection<Long> processInstanceKeys, final boolean truncate) {
    final String keys = keyList(processInstanceKeys);
    return variables(
        """
        (SELECT l.key, l.name, l.value, l.scope_key, l.process_instance_key
           FROM engine.variable l WHERE l.process_instance_key IN (%1$s)
         UNION ALL
         (SELECT DISTINCT ON (r.key) r.key, r.payload::json ->> 'name',
                (r.payload::json -> 'value')::text, (r.payload::json ->> 'scopeKey')::bigint,
                r.process_instance_key
           FROM engine.record r
          WHERE r.process_instance_key IN (%1$s) AND r.value_type = 'VARIABLE'
            AND r.intent IN ('CREATED', 'UPDATED')
            AND NOT EXISTS (SELECT 1 FROM engine.variable l WHERE l.key = r.key)
          ORDER BY r.key, r.position DESC)) v"""
            .formatted(keys),
        truncate);
  }

  /**
   * The variables a user task sees: its own scope's and those of every enclosing scope up to the
   * process instance, the innermost one winning where names repeat (as the task's form sees them).
   */
  static SearchSpec userTaskVariables(final long userTaskKey, final boolean truncate) {
    return variables(
        """
        (WITH RECURSIVE scope (key, depth) AS (
           SELECT t.element_instance_key, 0 FROM engine.user_task t WHERE t.key = %d
           UNION ALL
           SELECT t.process_instance_key, 1000000 FROM engine.user_task t WHERE t.key = %d
           UNION ALL
           SELECT e.flow_scope_key, s.depth + 1
             FROM scope s JOIN engine.element_instance e ON e.key = s.key
            WHERE e.flow_scope_key IS NOT NULL AND s.depth < 1000000)
         SELECT DISTINCT ON (v.name) v.*
           FROM scope s JOIN engine.variable v ON v.scope_key = s.key
          ORDER BY v.name, s.depth) v"""
            .formatted(userTaskKey, userTaskKey),
        truncate);
  }

  private static SearchSpec variables(final String from, final boolean truncate) {
    return SearchSpec.of(
        "variables",
        from,
        "v.key",
        List.of(
            key("variableKey", "v.key"),
            text("name", "v.name"),
            text("value", "v.value"),
            key("scopeKey", "v.scope_key"),
            key("processInstanceKey", "v.process_instance_key"),
            bool("isTruncated", "length(v.value) > " + VARIABLE_PREVIEW_CHARS),
            text("tenantId", TENANT)),
        row -> {
          final String value = row.text("value");
          final boolean cut = truncate && value.length() > VARIABLE_PREVIEW_CHARS;
          final Map<String, Object> item = new LinkedHashMap<>();
          item.put("variableKey", row.key("variableKey"));
          item.put("name", row.text("name"));
          item.put("value", cut ? value.substring(0, VARIABLE_PREVIEW_CHARS) : value);
          item.put("isTruncated", cut);
          item.put("scopeKey", row.key("scopeKey"));
          item.put("processInstanceKey", row.key("processInstanceKey"));
          item.put("tenantId", row.text("tenantId"));
          return item;
        });
  }

  static final SearchSpec JOBS =
      SearchSpec.of(
          "jobs",
          "engine.job j",
          "j.key",
          List.of(
              key("jobKey", "j.key"),
              text("type", "j.type"),
              text("worker", "j.worker"),
              text("state", "CASE j.state WHEN 'FAILED' THEN 'FAILED' ELSE 'CREATED' END"),
              integer("retries", "j.retries"),
              date("deadline", "j.deadline"),
              text("errorMessage", "j.error_message"),
              text("errorCode", "NULL::text"),
              key("processInstanceKey", "j.process_instance_key"),
              key("processDefinitionKey", "j.process_definition_key"),
              text("processDefinitionId", "j.bpmn_process_id"),
              text("elementId", "j.element_id"),
              key("elementInstanceKey", "j.element_instance_key"),
              text(
                  "kind",
                  "CASE WHEN j.listener_event_type IS NULL THEN 'BPMN_ELEMENT'"
                      + " WHEN j.listener_event_type IN ('START', 'END') THEN 'EXECUTION_LISTENER'"
                      + " WHEN j.listener_event_type = 'AD_HOC_SUB_PROCESS'"
                      + " THEN 'AD_HOC_SUB_PROCESS'"
                      + " ELSE 'TASK_LISTENER' END"),
              text(
                  "listenerEventType",
                  "CASE WHEN j.listener_event_type IS NULL"
                      + " OR j.listener_event_type = 'AD_HOC_SUB_PROCESS' THEN 'UNSPECIFIED'"
                      + " ELSE j.listener_event_type END"),
              bool(
                  "hasFailedWithRetriesLeft",
                  "(j.state <> 'FAILED' AND j.retries > 0 AND j.error_message IS NOT NULL)"),
              bool("isDenied", "FALSE"),
              text("deniedReason", "NULL::text"),
              date("endTime", "NULL::timestamptz"),
              new SearchField("customHeaders", "j.custom_headers", SearchField.Kind.TEXT, false),
              text("tenantId", TENANT)),
          row -> {
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("jobKey", row.key("jobKey"));
            item.put("type", row.text("type"));
            item.put("worker", row.text("worker"));
            item.put("state", row.text("state"));
            item.put("retries", row.integer("retries"));
            item.put("deadline", row.date("deadline"));
            item.put("errorMessage", row.text("errorMessage"));
            item.put("errorCode", null);
            item.put("processInstanceKey", row.key("processInstanceKey"));
            item.put("processDefinitionKey", row.key("processDefinitionKey"));
            item.put("processDefinitionId", row.text("processDefinitionId"));
            item.put("elementId", row.text("elementId"));
            item.put("elementInstanceKey", row.key("elementInstanceKey"));
            item.put("kind", row.text("kind"));
            item.put("listenerEventType", row.text("listenerEventType"));
            item.put("hasFailedWithRetriesLeft", row.bool("hasFailedWithRetriesLeft"));
            item.put("isDenied", false);
            item.put("deniedReason", null);
            item.put("endTime", null);
            item.put("customHeaders", Json.readDocument(row.text("customHeaders"), "headers"));
            item.put("tenantId", row.text("tenantId"));
            return item;
          });

  private static final String ITEMS_OF_BATCH =
      "(SELECT count(*) FROM engine.batch_operation_item c WHERE c.batch_operation_key = b.key";

  /** Batch operations with their progress counted from their items. */
  static final SearchSpec BATCH_OPERATIONS =
      SearchSpec.of(
          "batch operations",
          "engine.batch_operation b",
          "b.key",
          List.of(
              key("batchOperationKey", "b.key"),
              text("operationType", "b.type"),
              text("state", "b.state"),
              date("startDate", "b.start_date"),
              date("endDate", "b.end_date"),
              integer("operationsTotalCount", ITEMS_OF_BATCH + ")"),
              integer("operationsFailedCount", ITEMS_OF_BATCH + " AND c.state = 'FAILED')"),
              integer("operationsCompletedCount", ITEMS_OF_BATCH + " AND c.state = 'COMPLETED')")),
          row -> {
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("batchOperationKey", row.key("batchOperationKey"));
            item.put("batchOperationType", row.text("operationType"));
            item.put("state", row.text("state"));
            item.put("startDate", row.date("startDate"));
            item.put("endDate", row.date("endDate"));
            item.put("operationsTotalCount", row.integer("operationsTotalCount"));
            item.put("operationsFailedCount", row.integer("operationsFailedCount"));
            item.put("operationsCompletedCount", row.integer("operationsCompletedCount"));
            item.put("errors", List.of());
            return item;
          });

  /** The items of batch operations, each with its outcome. */
  static final SearchSpec BATCH_OPERATION_ITEMS =
      SearchSpec.of(
          "batch operation items",
          "engine.batch_operation_item i JOIN engine.batch_operation b"
              + " ON b.key = i.batch_operation_key",
          "i.batch_operation_key, i.item_key",
          List.of(
              key("batchOperationKey", "i.batch_operation_key"),
              text("operationType", "b.type"),
              key("itemKey", "i.item_key"),
              key("processInstanceKey", "i.process_instance_key"),
              text("state", "i.state"),
              date("processedDate", "i.processed_date"),
              new SearchField("errorMessage", "i.error_message", SearchField.Kind.TEXT, false)),
          row -> {
            final Map<String, Object> item = new LinkedHashMap<>();
            item.put("batchOperationKey", row.key("batchOperationKey"));
            item.put("operationType", row.text("operationType"));
            item.put("itemKey", row.key("itemKey"));
            item.put("processInstanceKey", row.key("processInstanceKey"));
            item.put("state", row.text("state"));
            item.put("processedDate", row.date("processedDate"));
            item.put("errorMessage", row.text("errorMessage"));
            return item;
          });
}
