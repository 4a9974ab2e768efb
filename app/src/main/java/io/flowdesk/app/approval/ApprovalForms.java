package io.flowdesk.app.approval;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.app.forms.DeployedForms;
import io.flowdesk.app.forms.FormSchema;
import io.flowdesk.domain.approval.Approval;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The deployed approval form (forms/approval.form, which every task of process flowdesk-approval
 * links) for a page that shows an approval without reading its task from the engine: the form of
 * the newest approval task this node has seen. Approval tasks are read anyway by the lists and by
 * every decision, and they all link the same form; a deployed form version never changes and a new
 * one has a higher key, so this is the version a task created now gets. A node that has seen no
 * approval task yet reads the open tasks of the approval shown, once.
 */
@Component
class ApprovalForms {

  private record Seen(long formKey, FormSchema schema) {}

  private final CamundaClient client;
  private final DeployedForms forms;
  private final AtomicReference<Seen> newest = new AtomicReference<>();

  ApprovalForms(final CamundaClient client, final DeployedForms forms) {
    this.client = client;
    this.forms = forms;
  }

  /** Notes the form of an approval task read from the engine. */
  void seen(final UserTask task) {
    final Long formKey = task.getFormKey();
    final Seen known = newest.get();
    if (formKey == null || known != null && known.formKey() >= formKey) {
      return;
    }
    forms
        .ofTask(task)
        .ifPresent(
            schema ->
                newest.accumulateAndGet(
                    new Seen(formKey, schema),
                    (was, now) -> was == null || now.formKey() > was.formKey() ? now : was));
  }

  /** The approval form, for an approval someone is asked to decide; empty when none is deployed. */
  Optional<FormSchema> of(final Approval approval) {
    if (newest.get() == null) {
      client
          .newUserTaskSearchRequest()
          .filter(
              f -> f.processInstanceKey(approval.processInstanceKey()).state(UserTaskState.CREATED))
          .send()
          .join()
          .items()
          .forEach(this::seen);
    }
    return Optional.ofNullable(newest.get()).map(Seen::schema);
  }

  /**
   * What an approval's form is shown and checked with: the approval's inputs as recorded (the
   * packaged form uses none; a customised one may show them).
   */
  static Map<String, Object> variables(final Approval approval) {
    final Map<String, Object> variables = new HashMap<>();
    variables.put("subject", approval.subject());
    variables.put("recordNumber", approval.recordNumber());
    variables.put("requester", approval.requester());
    variables.put("requestedFor", approval.requestedFor());
    variables.put("mode", approval.mode().label());
    return variables;
  }
}
