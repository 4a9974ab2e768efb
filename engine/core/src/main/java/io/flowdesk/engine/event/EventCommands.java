package io.flowdesk.engine.event;

import io.flowdesk.engine.usertask.UserTaskCommands;

/**
 * The commands that reach waiting instances from outside: messages, signals and user task
 * completion, for the gRPC and REST adapters alike.
 */
public record EventCommands(Messages messages, Signals signals, UserTaskCommands userTasks) {}
