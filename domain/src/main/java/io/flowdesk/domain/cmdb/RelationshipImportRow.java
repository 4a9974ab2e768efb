package io.flowdesk.domain.cmdb;

/**
 * One relationship as an import source reports it: {@code source -type-> target}, both CIs by class
 * and name (in the same import or already in the CMDB); {@code type} as the source spells it
 * ({@code depends on}, {@code RUNS_ON}).
 */
public record RelationshipImportRow(
    long row,
    String sourceClass,
    String sourceName,
    String type,
    String targetClass,
    String targetName) {}
