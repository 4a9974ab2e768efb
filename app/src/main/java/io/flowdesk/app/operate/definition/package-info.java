/**
 * The operations console's definition pages (issue 20): deployed processes with their versions and
 * instance counts ({@code /operate}), a process definition's diagram with per-element statistics
 * ({@code /operate/processes/{key}}), deployed decisions ({@code /operate/decisions}) and forms
 * ({@code /operate/forms}). Everything is asked of the engine through the camunda client, so the
 * pages work the same against a Camunda 8 cluster.
 */
package io.flowdesk.app.operate.definition;
