package io.flowdesk.engine.execution;

import io.flowdesk.engine.feel.FeelEvaluator;
import io.flowdesk.engine.state.UserTaskRows;
import io.flowdesk.engine.support.EngineClock;
import io.flowdesk.engine.support.Keys;

/**
 * The stateless collaborators every command's execution needs.
 *
 * @param decisions evaluates called decisions of business rule tasks
 * @param forms finds the forms Camunda user tasks link to
 * @param processes finds the processes call activities start
 * @param userTaskRows reads and writes Camunda user tasks in lifecycle transitions
 */
public record EngineServices(
    Keys keys,
    EngineClock clock,
    FeelEvaluator feel,
    CalledDecisions decisions,
    FormLookup forms,
    CalledProcesses processes,
    UserTaskRows userTaskRows) {}
