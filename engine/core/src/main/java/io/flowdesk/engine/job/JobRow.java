package io.flowdesk.engine.job;

/** A job as stored, read under its process instance's lock. */
record JobRow(
    long key,
    String type,
    String state,
    int retries,
    long processInstanceKey,
    long elementInstanceKey,
    String elementId,
    String listenerEventType) {}
