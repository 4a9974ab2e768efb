package io.flowdesk.app.operate.definition;

import io.flowdesk.app.diagram.ElementCounts;

/** One element's line in a definition's statistics table. */
public record ElementRow(String elementId, String name, ElementCounts counts) {}
