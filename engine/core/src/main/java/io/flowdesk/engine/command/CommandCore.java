package io.flowdesk.engine.command;

import io.flowdesk.engine.batch.BatchOperations;
import io.flowdesk.engine.decision.DecisionEvaluations;
import io.flowdesk.engine.deployment.DeploymentService;
import io.flowdesk.engine.deployment.ResourceDeletion;
import io.flowdesk.engine.deployment.StartForms;
import io.flowdesk.engine.event.EventCommands;
import io.flowdesk.engine.job.JobActivator;
import io.flowdesk.engine.job.JobCommands;
import io.flowdesk.engine.job.JobPolling;
import io.flowdesk.engine.job.JobStreams;
import io.flowdesk.engine.support.EngineEvents;
import io.flowdesk.engine.support.Topology;

/**
 * The engine's commands, shared by its two gateways: the gRPC and the REST adapter translate
 * requests and answers and call these, so that no rule lives in one protocol only.
 */
public record CommandCore(
    DeploymentService deployments,
    ResourceDeletion deletions,
    ProcessInstanceService processInstances,
    IncidentCommands incidents,
    JobCommands jobs,
    JobActivator activator,
    JobPolling polling,
    JobStreams streams,
    EngineEvents events,
    DecisionEvaluations decisions,
    Topology topology,
    EventCommands eventCommands,
    StartForms startForms,
    BatchOperations batches) {}
