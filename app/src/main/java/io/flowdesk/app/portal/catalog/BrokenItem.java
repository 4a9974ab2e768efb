package io.flowdesk.app.portal.catalog;

/**
 * A deployed process that declares itself a catalog item but cannot be offered, and why; shown to
 * administrators on {@code /admin/catalog}.
 */
public record BrokenItem(
    String processId, long processDefinitionKey, int version, String title, String reason) {}
