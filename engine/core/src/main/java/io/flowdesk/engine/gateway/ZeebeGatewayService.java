package io.flowdesk.engine.gateway;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.*;
import io.flowdesk.engine.command.CommandCore;
import io.flowdesk.engine.command.IncidentCommands;
import io.flowdesk.engine.command.InstanceTags;
import io.flowdesk.engine.command.ProcessInstanceService;
import io.flowdesk.engine.command.ProcessInstanceService.ProcessSelector;
import io.flowdesk.engine.deployment.DeployedResources;
import io.flowdesk.engine.deployment.DeploymentResource;
import io.flowdesk.engine.deployment.DeploymentService;
import io.flowdesk.engine.deployment.ResourceDeletion;
import io.flowdesk.engine.event.EventCommands;
import io.flowdesk.engine.execution.AdHocActivation;
import io.flowdesk.engine.execution.JobResult;
import io.flowdesk.engine.execution.Migration;
import io.flowdesk.engine.execution.Modification;
import io.flowdesk.engine.job.JobCommands;
import io.flowdesk.engine.state.ProcessInstanceRow;
import io.flowdesk.engine.support.Json;
import io.flowdesk.engine.support.Tenants;
import io.flowdesk.engine.support.Topology;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The Zeebe gateway gRPC API, served by the embedded engine: requests become engine commands,
 * results and rejections become Zeebe's responses and status codes. RPCs the engine does not
 * implement yet keep the generated default, which answers UNIMPLEMENTED naming the method.
 */
public final class ZeebeGatewayService extends GatewayGrpc.GatewayImplBase {

  private static final String DEFAULT_TENANT = Tenants.DEFAULT;

  private final DeploymentService deployments;
  private final ResourceDeletion deletions;
  private final ProcessInstanceService processInstances;
  private final IncidentCommands incidents;
  private final JobCommands jobs;
  private final JobActivation activation;
  private final DecisionEvaluationResponses decisions;
  private final Topology topology;
  private final EventCommands events;

  public ZeebeGatewayService(final CommandCore core, final ExecutorService streamExecutor) {
    this.deployments = core.deployments();
    this.deletions = core.deletions();
    this.processInstances = core.processInstances();
    this.incidents = core.incidents();
    this.jobs = core.jobs();
    this.activation =
        new JobActivation(
            core.activator(), core.polling(), core.streams(), core.events(), streamExecutor);
    this.decisions = new DecisionEvaluationResponses(core.decisions());
    this.topology = core.topology();
    this.events = core.eventCommands();
  }

  @Override
  public void topology(
      final TopologyRequest request, final StreamObserver<TopologyResponse> observer) {
    GatewayErrors.answer(observer, () -> GatewayTopology.response(topology));
  }

  @Override
  public void deployResource(
      final DeployResourceRequest request, final StreamObserver<DeployResourceResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          Tenants.requireDefault(request.getTenantId());
          final DeployedResources deployed =
              deployments.deploy(
                  request.getResourcesList().stream()
                      .map(r -> new DeploymentResource(r.getName(), r.getContent().toByteArray()))
                      .toList(),
                  GatewayAccessInterceptor.caller());
          final DeployResourceResponse.Builder response =
              DeployResourceResponse.newBuilder()
                  .setKey(deployed.deploymentKey())
                  .setTenantId(DEFAULT_TENANT);
          deployed
              .processes()
              .forEach(
                  p ->
                      response.addDeployments(
                          Deployment.newBuilder().setProcess(processMetadata(p))));
          deployed
              .decisionRequirements()
              .forEach(
                  d ->
                      response.addDeployments(
                          Deployment.newBuilder()
                              .setDecisionRequirements(
                                  DecisionRequirementsMetadata.newBuilder()
                                      .setDmnDecisionRequirementsId(d.decisionRequirementsId())
                                      .setDmnDecisionRequirementsName(nullToEmpty(d.name()))
                                      .setVersion(d.version())
                                      .setDecisionRequirementsKey(d.key())
                                      .setResourceName(d.resourceName())
                                      .setTenantId(DEFAULT_TENANT))));
          deployed
              .decisions()
              .forEach(
                  d ->
                      response.addDeployments(
                          Deployment.newBuilder()
                              .setDecision(
                                  DecisionMetadata.newBuilder()
                                      .setDmnDecisionId(d.decisionId())
                                      .setDmnDecisionName(nullToEmpty(d.name()))
                                      .setVersion(d.version())
                                      .setDecisionKey(d.key())
                                      .setDmnDecisionRequirementsId(d.decisionRequirementsId())
                                      .setDecisionRequirementsKey(d.decisionRequirementsKey())
                                      .setTenantId(DEFAULT_TENANT))));
          deployed
              .forms()
              .forEach(
                  f ->
                      response.addDeployments(
                          Deployment.newBuilder()
                              .setForm(
                                  FormMetadata.newBuilder()
                                      .setFormId(f.formId())
                                      .setVersion(f.version())
                                      .setFormKey(f.key())
                                      .setResourceName(f.resourceName())
                                      .setTenantId(DEFAULT_TENANT))));
          return response.build();
        });
  }

  @Override
  @SuppressWarnings("deprecation")
  public void deployProcess(
      final DeployProcessRequest request, final StreamObserver<DeployProcessResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          final DeployedResources deployed =
              deployments.deploy(
                  request.getProcessesList().stream()
                      .map(
                          p -> new DeploymentResource(p.getName(), p.getDefinition().toByteArray()))
                      .toList(),
                  GatewayAccessInterceptor.caller());
          final DeployProcessResponse.Builder response =
              DeployProcessResponse.newBuilder().setKey(deployed.deploymentKey());
          deployed.processes().forEach(p -> response.addProcesses(processMetadata(p)));
          return response.build();
        });
  }

  private static ProcessMetadata processMetadata(final DeployedResources.ProcessDefinition p) {
    return ProcessMetadata.newBuilder()
        .setBpmnProcessId(p.bpmnProcessId())
        .setVersion(p.version())
        .setProcessDefinitionKey(p.key())
        .setResourceName(p.resourceName())
        .setTenantId(DEFAULT_TENANT)
        .build();
  }

  @Override
  public void createProcessInstance(
      final CreateProcessInstanceRequest request,
      final StreamObserver<CreateProcessInstanceResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          Tenants.requireDefault(request.getTenantId());
          final ProcessInstanceRow instance =
              processInstances.create(
                  selector(request),
                  Json.readDocument(request.getVariables(), "variables"),
                  startBefore(request),
                  request.getTagsList());
          return CreateProcessInstanceResponse.newBuilder()
              .setProcessInstanceKey(instance.key())
              .setProcessDefinitionKey(instance.processDefinitionKey())
              .setBpmnProcessId(instance.bpmnProcessId())
              .setVersion(instance.version())
              .setTenantId(DEFAULT_TENANT)
              .addAllTags(InstanceTags.of(request.getTagsList()))
              .build();
        });
  }

  @Override
  public void createProcessInstanceWithResult(
      final CreateProcessInstanceWithResultRequest request,
      final StreamObserver<CreateProcessInstanceWithResultResponse> observer) {
    final CompletableFuture<ProcessInstanceService.Result> result;
    try {
      final CreateProcessInstanceRequest create = request.getRequest();
      Tenants.requireDefault(create.getTenantId());
      result =
          processInstances.createWithResult(
              selector(create),
              Json.readDocument(create.getVariables(), "variables"),
              startBefore(create),
              new LinkedHashSet<>(request.getFetchVariablesList()),
              Duration.ofMillis(request.getRequestTimeout()),
              create.getTagsList());
    } catch (RuntimeException e) {
      observer.onError(GatewayErrors.toStatus(e));
      return;
    }
    // The callback answers the observer; the future it returns has nothing left to report.
    final var unused =
        result.whenComplete(
            (finished, error) -> {
              if (error != null) {
                observer.onError(GatewayErrors.toStatus(error));
                return;
              }
              observer.onNext(
                  CreateProcessInstanceWithResultResponse.newBuilder()
                      .setProcessInstanceKey(finished.instance().key())
                      .setProcessDefinitionKey(finished.instance().processDefinitionKey())
                      .setBpmnProcessId(finished.instance().bpmnProcessId())
                      .setVersion(finished.instance().version())
                      .setVariables(Json.write(finished.variables()))
                      .setTenantId(DEFAULT_TENANT)
                      .addAllTags(InstanceTags.of(request.getRequest().getTagsList()))
                      .build());
              observer.onCompleted();
            });
  }

  private static ProcessSelector selector(final CreateProcessInstanceRequest request) {
    return new ProcessSelector(
        request.getProcessDefinitionKey(), request.getBpmnProcessId(), request.getVersion());
  }

  /** The elements the request's start instructions start before, in order. */
  private static List<String> startBefore(final CreateProcessInstanceRequest request) {
    return request.getStartInstructionsList().stream()
        .map(ProcessInstanceCreationStartInstruction::getElementId)
        .toList();
  }

  @Override
  public void cancelProcessInstance(
      final CancelProcessInstanceRequest request,
      final StreamObserver<CancelProcessInstanceResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          processInstances.cancel(request.getProcessInstanceKey());
          return CancelProcessInstanceResponse.getDefaultInstance();
        });
  }

  @Override
  public void activateJobs(
      final ActivateJobsRequest request, final StreamObserver<ActivateJobsResponse> observer) {
    activation.activate(request, observer);
  }

  @Override
  public void streamActivatedJobs(
      final StreamActivatedJobsRequest request, final StreamObserver<ActivatedJob> observer) {
    activation.stream(request, observer);
  }

  @Override
  public void completeJob(
      final CompleteJobRequest request, final StreamObserver<CompleteJobResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          jobs.complete(
              request.getJobKey(),
              Json.readDocument(request.getVariables(), "variables"),
              request.hasResult() ? result(request.getResult()) : JobResult.NONE);
          return CompleteJobResponse.getDefaultInstance();
        });
  }

  private static JobResult result(final GatewayOuterClass.JobResult result) {
    if (result.hasType() && JobResult.AD_HOC_SUB_PROCESS.equals(result.getType())) {
      return JobResult.ofAdHoc(
          new JobResult.AdHocResult(
              result.getActivateElementsList().stream()
                  .map(
                      element ->
                          new AdHocActivation.Element(
                              element.getElementId(),
                              Json.readDocument(element.getVariables(), "variables")))
                  .toList(),
              result.hasIsCompletionConditionFulfilled()
                  && result.getIsCompletionConditionFulfilled(),
              result.hasIsCancelRemainingInstances() && result.getIsCancelRemainingInstances()));
    }
    final GatewayOuterClass.JobResultCorrections corrections = result.getCorrections();
    return JobResult.ofType(
        result.hasType() ? result.getType() : null,
        result.hasDenied() && result.getDenied(),
        result.hasDeniedReason() ? result.getDeniedReason() : null,
        result.hasCorrections()
            ? new JobResult.Corrections(
                corrections.hasAssignee() ? corrections.getAssignee() : null,
                corrections.hasDueDate() ? corrections.getDueDate() : null,
                corrections.hasFollowUpDate() ? corrections.getFollowUpDate() : null,
                corrections.hasCandidateUsers()
                    ? corrections.getCandidateUsers().getValuesList()
                    : null,
                corrections.hasCandidateGroups()
                    ? corrections.getCandidateGroups().getValuesList()
                    : null,
                corrections.hasPriority() ? corrections.getPriority() : null)
            : JobResult.Corrections.NONE);
  }

  @Override
  public void failJob(
      final FailJobRequest request, final StreamObserver<FailJobResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          jobs.fail(
              request.getJobKey(),
              request.getRetries(),
              request.getErrorMessage(),
              Duration.ofMillis(Math.max(0, request.getRetryBackOff())),
              Json.readDocument(request.getVariables(), "variables"));
          return FailJobResponse.getDefaultInstance();
        });
  }

  @Override
  public void throwError(
      final ThrowErrorRequest request, final StreamObserver<ThrowErrorResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          jobs.throwError(
              request.getJobKey(),
              request.getErrorCode(),
              request.getErrorMessage(),
              Json.readDocument(request.getVariables(), "variables"));
          return ThrowErrorResponse.getDefaultInstance();
        });
  }

  @Override
  public void updateJobRetries(
      final UpdateJobRetriesRequest request,
      final StreamObserver<UpdateJobRetriesResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          jobs.updateRetries(request.getJobKey(), request.getRetries());
          return UpdateJobRetriesResponse.getDefaultInstance();
        });
  }

  @Override
  public void updateJobTimeout(
      final UpdateJobTimeoutRequest request,
      final StreamObserver<UpdateJobTimeoutResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          jobs.updateTimeout(request.getJobKey(), Duration.ofMillis(request.getTimeout()));
          return UpdateJobTimeoutResponse.getDefaultInstance();
        });
  }

  @Override
  public void setVariables(
      final SetVariablesRequest request, final StreamObserver<SetVariablesResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          final Map<String, Object> variables =
              Json.readDocument(request.getVariables(), "variables");
          processInstances.setVariables(
              request.getElementInstanceKey(), variables, request.getLocal());
          return SetVariablesResponse.newBuilder().setKey(request.getElementInstanceKey()).build();
        });
  }

  @Override
  public void resolveIncident(
      final ResolveIncidentRequest request,
      final StreamObserver<ResolveIncidentResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          incidents.resolveIncident(request.getIncidentKey());
          return ResolveIncidentResponse.getDefaultInstance();
        });
  }

  @Override
  public void evaluateDecision(
      final EvaluateDecisionRequest request,
      final StreamObserver<EvaluateDecisionResponse> observer) {
    GatewayErrors.answer(observer, () -> decisions.evaluate(request));
  }

  @Override
  public void deleteResource(
      final DeleteResourceRequest request, final StreamObserver<DeleteResourceResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          deletions.delete(request.getResourceKey(), GatewayAccessInterceptor.caller());
          return DeleteResourceResponse.getDefaultInstance();
        });
  }

  private static String nullToEmpty(final String text) {
    return text == null ? "" : text;
  }

  @Override
  public void publishMessage(
      final PublishMessageRequest request, final StreamObserver<PublishMessageResponse> observer) {
    GatewayErrors.answer(
        observer,
        () ->
            PublishMessageResponse.newBuilder()
                .setKey(
                    events
                        .messages()
                        .publish(
                            request.getName(),
                            request.getCorrelationKey(),
                            Duration.ofMillis(request.getTimeToLive()),
                            request.getMessageId(),
                            Json.readDocument(request.getVariables(), "variables")))
                .setTenantId(DEFAULT_TENANT)
                .build());
  }

  @Override
  public void broadcastSignal(
      final BroadcastSignalRequest request,
      final StreamObserver<BroadcastSignalResponse> observer) {
    GatewayErrors.answer(
        observer,
        () ->
            BroadcastSignalResponse.newBuilder()
                .setKey(
                    events
                        .signals()
                        .broadcast(
                            request.getSignalName(),
                            Json.readDocument(request.getVariables(), "variables")))
                .setTenantId(DEFAULT_TENANT)
                .build());
  }

  @Override
  public void modifyProcessInstance(
      final ModifyProcessInstanceRequest request,
      final StreamObserver<ModifyProcessInstanceResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          processInstances.modify(
              request.getProcessInstanceKey(),
              new Modification(
                  request.getActivateInstructionsList().stream()
                      .map(
                          a ->
                              new Modification.Activation(
                                  a.getElementId(),
                                  a.getAncestorElementInstanceKey(),
                                  a.getVariableInstructionsList().stream()
                                      .map(
                                          v ->
                                              new Modification.VariableInstruction(
                                                  Json.readDocument(v.getVariables(), "variables"),
                                                  v.getScopeId()))
                                      .toList()))
                      .toList(),
                  request.getTerminateInstructionsList().stream()
                      .map(ModifyProcessInstanceRequest.TerminateInstruction::getElementInstanceKey)
                      .toList()));
          return ModifyProcessInstanceResponse.getDefaultInstance();
        });
  }

  @Override
  public void migrateProcessInstance(
      final MigrateProcessInstanceRequest request,
      final StreamObserver<MigrateProcessInstanceResponse> observer) {
    GatewayErrors.answer(
        observer,
        () -> {
          final MigrateProcessInstanceRequest.MigrationPlan plan = request.getMigrationPlan();
          processInstances.migrate(
              request.getProcessInstanceKey(),
              new Migration(
                  plan.getTargetProcessDefinitionKey(),
                  plan.getMappingInstructionsList().stream()
                      .map(
                          m ->
                              new Migration.MappingInstruction(
                                  m.getSourceElementId(), m.getTargetElementId()))
                      .toList()));
          return MigrateProcessInstanceResponse.getDefaultInstance();
        });
  }
}
