package io.flowdesk.engine.rest;

import io.flowdesk.engine.support.Rejection;
import io.flowdesk.engine.usertask.UserTaskCommands;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Camunda user tasks: search, read, the linked form, assignment, update and completion; the
 * commands are the engine's, the reads query its tables.
 */
final class UserTaskEndpoints {

  private final UserTaskCommands commands;
  private final Search search;
  private final FormBodies forms;

  UserTaskEndpoints(final UserTaskCommands commands, final Search search, final FormBodies forms) {
    this.commands = commands;
    this.search = search;
    this.forms = forms;
  }

  void register(final Router router) {
    router
        .add("POST", "/user-tasks/search", this::search)
        .add("GET", "/user-tasks/{userTaskKey}", this::get)
        .add("GET", "/user-tasks/{userTaskKey}/form", this::form)
        .add("PATCH", "/user-tasks/{userTaskKey}", this::update)
        .add("POST", "/user-tasks/{userTaskKey}/completion", this::complete)
        .add("POST", "/user-tasks/{userTaskKey}/assignment", this::assign)
        .add("DELETE", "/user-tasks/{userTaskKey}/assignee", this::unassign)
        .add("POST", "/user-tasks/{userTaskKey}/variables/search", this::searchVariables);
  }

  private void search(final Exchange exchange) {
    exchange.json(200, search.run(SearchSpecs.USER_TASKS, exchange.json()));
  }

  /** The variables the task sees (404 for an unknown task, as for the task itself). */
  private void searchVariables(final Exchange exchange) {
    final long key = exchange.pathKey("userTaskKey");
    task(key);
    final boolean truncate = !"false".equals(exchange.request().getParameter("truncateValues"));
    exchange.json(200, search.run(SearchSpecs.userTaskVariables(key, truncate), exchange.json()));
  }

  private void get(final Exchange exchange) {
    exchange.json(200, task(exchange.pathKey("userTaskKey")));
  }

  private Map<String, Object> task(final long key) {
    return search.get(SearchSpecs.USER_TASKS, "userTaskKey", key, "user task");
  }

  /** The deployed form the task links to; 204 when it links none (or only an external one). */
  private void form(final Exchange exchange) {
    final long key = exchange.pathKey("userTaskKey");
    final Object formKey = task(key).get("formKey");
    if (formKey == null) {
      exchange.noContent();
      return;
    }
    final Optional<Map<String, Object>> form =
        forms.byKey(Keys.parse(formKey.toString(), "formKey"));
    exchange.json(
        200,
        form.orElseThrow(
            () ->
                Rejection.notFound(
                    "Expected to find the form of user task '" + key + "', but it was deleted")));
  }

  private void update(final Exchange exchange) {
    final JsonBody body = exchange.json();
    final JsonBody changeset = body.object("changeset");
    commands.update(
        exchange.pathKey("userTaskKey"),
        new UserTaskCommands.Changes(
            changeset.has("candidateGroups") ? changeset.strings("candidateGroups") : null,
            changeset.has("candidateUsers") ? changeset.strings("candidateUsers") : null,
            date(changeset, "dueDate"),
            date(changeset, "followUpDate"),
            changeset.has("priority") ? changeset.intValue("priority", 50) : null),
        body.text("action"));
    exchange.noContent();
  }

  private static Instant date(final JsonBody changeset, final String field) {
    final String text = changeset.text(field);
    return text == null || text.isEmpty()
        ? null
        : RestDates.parse(text, "changeset." + field).toInstant();
  }

  private void complete(final Exchange exchange) {
    final JsonBody body = exchange.json();
    commands.complete(
        exchange.pathKey("userTaskKey"), body.document("variables"), body.text("action"));
    exchange.noContent();
  }

  private void assign(final Exchange exchange) {
    final JsonBody body = exchange.json();
    final Boolean allowOverride = body.bool("allowOverride");
    commands.assign(
        exchange.pathKey("userTaskKey"),
        body.requiredText("assignee"),
        allowOverride == null || allowOverride,
        body.text("action"));
    exchange.noContent();
  }

  private void unassign(final Exchange exchange) {
    commands.unassign(exchange.pathKey("userTaskKey"));
    exchange.noContent();
  }
}
