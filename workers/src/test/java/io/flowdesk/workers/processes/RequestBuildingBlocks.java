package io.flowdesk.workers.processes;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.UserTask;
import io.flowdesk.domain.approval.Approval;
import io.flowdesk.domain.approval.Approvals;
import io.flowdesk.domain.directory.AssignmentGroup;
import io.flowdesk.domain.directory.Directory;
import io.flowdesk.domain.directory.Role;
import io.flowdesk.domain.record.Actor;
import io.flowdesk.domain.request.NewRequest;
import io.flowdesk.domain.request.Request;
import io.flowdesk.domain.request.RequestRecords;
import io.flowdesk.domain.request.RequestState;
import io.flowdesk.engine.Engine;
import io.flowdesk.engine.test.EngineRecords;
import io.flowdesk.workers.SpringWorkers;
import io.flowdesk.workers.WorkerTesting;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The request building blocks the catalog items call, as the app runs them: the packaged approval
 * process {@code flowdesk-approval} with its form, and the workers ({@code flowdesk:request-stage},
 * {@code flowdesk:approval-*}, {@code flowdesk:email} into the test's mail server, the always-on
 * connectors) as Spring beans the starter opens, on a database of their own and the engine's clock.
 *
 * <p>The test plays the portal (records the request, then starts the item with the variables the
 * portal adds) and the approvers (record the decision in the domain, then complete their task with
 * the approval form's variables, as My approvals does).
 */
final class RequestBuildingBlocks implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CamundaClient client;
  private final EngineRecords records;
  private final ConfigurableApplicationContext app;
  private final GreenMailExtension mail;
  final RequestRecords requests;
  final Directory directory;
  final Approvals approvals;
  // Approval instances awaitApproval answered, so that the next call finds the next approval.
  private final Set<Long> answered = ConcurrentHashMap.newKeySet();

  private RequestBuildingBlocks(
      final CamundaClient client,
      final EngineRecords records,
      final ConfigurableApplicationContext app,
      final GreenMailExtension mail) {
    this.client = client;
    this.mail = mail;
    this.records = records;
    this.app = app;
    this.requests = app.getBean(RequestRecords.class);
    this.directory = app.getBean(Directory.class);
    this.approvals = app.getBean(Approvals.class);
  }

  /**
   * Deploys the approval process and starts the workers, mailing through {@code mail}.
   *
   * @param properties {@code name=value} settings on top of the mail server's
   */
  static RequestBuildingBlocks start(
      final Engine engine,
      final CamundaClient client,
      final EngineRecords records,
      final GreenMailExtension mail,
      final String... properties) {
    ItemTesting.deploy(
        client, List.of("approval/flowdesk-approval.bpmn"), List.of("approval.form"));
    final List<String> settings =
        new ArrayList<>(
            List.of(
                "flowdesk.secrets.key=" + Base64.getEncoder().encodeToString(new byte[32]),
                "flowdesk.public-url=https://flowdesk.test/",
                "flowdesk.connectors.mail.host=127.0.0.1",
                "flowdesk.connectors.mail.port=" + mail.getSmtp().getPort(),
                "flowdesk.connectors.mail.security=NONE",
                "flowdesk.connectors.mail.from=flowdesk@flowdesk.test",
                "flowdesk.connectors.mail.message-id-domain=flowdesk.test"));
    settings.addAll(List.of(properties));
    return new RequestBuildingBlocks(
        client, records, SpringWorkers.start(engine, settings.toArray(String[]::new)), mail);
  }

  <T> T bean(final Class<T> type) {
    return app.getBean(type);
  }

  // --- the directory ----------------------------------------------------------------------------

  /** People who can sign in, mailed at {@code <name>@example.test}. */
  RequestBuildingBlocks people(final String... usernames) {
    for (final String username : usernames) {
      directory.addPerson(
          username, username, username + "@example.test", Set.of(Role.END_USER), null);
    }
    return this;
  }

  RequestBuildingBlocks manager(final String username, final String manager) {
    directory.setManager(username, manager);
    return this;
  }

  RequestBuildingBlocks group(final String name, final String... members) {
    directory.saveGroup(new AssignmentGroup(name, name, null));
    for (final String member : members) {
      directory.addMember(name, member);
    }
    return this;
  }

  // --- the portal's part ------------------------------------------------------------------------

  /** A request the portal recorded and whose item it started. */
  record Ordered(String number, long requestId, long instance) {}

  /**
   * Orders the item as the portal does: records the request (Submitted), starts the item's latest
   * version with the answers and {@code requestNumber}, {@code requester}, {@code requestedFor},
   * {@code requestedBy}, and stores the instance on the record.
   */
  Ordered order(
      final String processId,
      final String title,
      final String requester,
      final String requestedFor,
      final Map<String, Object> answers) {
    final Request recorded =
        requests.submit(
            new NewRequest(requester, requestedFor, processId, 1, title, answers, null),
            Actor.person(requester));
    final Map<String, Object> variables = new LinkedHashMap<>(answers);
    variables.put("requestNumber", recorded.number());
    variables.put("requester", requester);
    variables.put("requestedFor", requestedFor);
    variables.put("requestedBy", requester);
    final long instance = WorkerTesting.start(client, processId, variables);
    requests.started(recorded.id(), instance, Actor.person(requester));
    return new Ordered(recorded.number(), recorded.id(), instance);
  }

  /** The request's state now. */
  RequestState state(final Ordered request) {
    return requests.find(request.requestId()).orElseThrow().state();
  }

  /** Every state the request moved to after Submitted, in order. */
  List<RequestState> states(final Ordered request) {
    return requests.auditTrail(request.requestId()).stream()
        .filter(entry -> entry.field().equals("state") && entry.oldValue() != null)
        .map(entry -> RequestState.valueOf(entry.newValue()))
        .toList();
  }

  /** Waits until the request's states after Submitted are {@code expected}. */
  List<RequestState> awaitStates(final Ordered request, final RequestState... expected) {
    await()
        .alias(request.number() + " moves to " + List.of(expected))
        .atMost(Duration.ofSeconds(30))
        .until(() -> states(request).equals(List.of(expected)));
    return states(request);
  }

  /** What the requester reads on the request's timeline (no work notes). */
  List<String> comments(final Ordered request) {
    return requests.journal(request.requestId(), false).stream().map(e -> e.text()).toList();
  }

  /** The body of the mail to {@code recipient} whose subject has all {@code subjectParts}. */
  String awaitMail(final String recipient, final String... subjectParts) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Arrays.stream(mail.getReceivedMessages())
                    .filter(m -> recipient.equals(to(m)) && containsAll(subject(m), subjectParts))
                    .findFirst()
                    .map(GreenMailUtil::getBody)
                    .orElse(null),
            Objects::nonNull);
  }

  /** The subjects of every mail received so far for {@code recipient}. */
  List<String> subjectsOfMailTo(final String recipient) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(m -> recipient.equals(to(m)))
        .map(RequestBuildingBlocks::subject)
        .toList();
  }

  private static boolean containsAll(final String text, final String... parts) {
    return Arrays.stream(parts).allMatch(text::contains);
  }

  private static String to(final MimeMessage mail) {
    try {
      return mail.getAllRecipients()[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String subject(final MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- the approvers' part ----------------------------------------------------------------------

  /**
   * The next approval the item's call activity started (one this method did not answer before),
   * once it has asked its approvers.
   */
  Approval awaitApproval(final Ordered request) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .newProcessInstanceSearchRequest()
                    .filter(
                        f ->
                            f.parentProcessInstanceKey(request.instance())
                                .processDefinitionId("flowdesk-approval"))
                    .send()
                    .join()
                    .items()
                    .stream()
                    .map(ProcessInstance::getProcessInstanceKey)
                    .filter(key -> !answered.contains(key))
                    .map(key -> approvals.ofInstance(key).orElse(null))
                    .filter(Objects::nonNull)
                    .findFirst()
                    .map(
                        approval -> {
                          answered.add(approval.processInstanceKey());
                          return approval;
                        })
                    .orElse(null),
            Objects::nonNull);
  }

  /**
   * The approval instance the item started, also one that never got as far as asking anyone (an
   * incident).
   */
  long awaitApprovalInstance(final Ordered request) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .newProcessInstanceSearchRequest()
                    .filter(
                        f ->
                            f.parentProcessInstanceKey(request.instance())
                                .processDefinitionId("flowdesk-approval"))
                    .send()
                    .join()
                    .items()
                    .stream()
                    .map(ProcessInstance::getProcessInstanceKey)
                    .findFirst()
                    .orElse(null),
            Objects::nonNull);
  }

  /** The open task of {@code approver} in the approval, once they are asked. */
  UserTask awaitTask(final Approval approval, final String approver) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(
                        f ->
                            f.processInstanceKey(approval.processInstanceKey())
                                .assignee(approver)
                                .state(UserTaskState.CREATED))
                    .send()
                    .join()
                    .items()
                    .stream()
                    .findFirst()
                    .orElse(null),
            Objects::nonNull);
  }

  /**
   * What My approvals does when {@code approver} decides: records the decision, then completes
   * their task with the approval form's {@code decision} and {@code comment} and who decided when.
   */
  void decide(
      final Approval approval, final String approver, final boolean approve, final String comment) {
    final UserTask task = awaitTask(approval, approver);
    final Instant now = app.getBean(Clock.class).instant();
    approvals.decide(approval.id(), task.getUserTaskKey(), approver, approve, comment, null, now);
    final Map<String, Object> variables = new HashMap<>();
    variables.put("decision", approve ? "approve" : "reject");
    variables.put("comment", comment);
    variables.put("decidedBy", approver);
    variables.put("decidedAt", now.toString());
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  /** The approval outcome the item mapped to {@code variable}, e.g. {@code managerApproval}. */
  @SuppressWarnings("unchecked")
  Map<String, Object> outcome(final Ordered request, final String variable) {
    final String json = records.variable(request.instance(), variable);
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, Map.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(variable + " is not JSON: " + json, e);
    }
  }

  @Override
  public void close() {
    app.close();
  }
}
