package io.flowdesk.domain.incident;

/**
 * What a caller reports. {@code description}, {@code category}'s free text and {@code
 * configurationItem} may be null; text is stored as given and escaped where it is shown.
 */
public record NewIncident(
    String caller,
    String shortDescription,
    String description,
    String category,
    String configurationItem,
    Level impact,
    Level urgency) {}
