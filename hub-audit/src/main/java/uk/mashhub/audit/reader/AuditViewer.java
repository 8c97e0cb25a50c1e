package uk.mashhub.audit.reader;

import uk.mashhub.kernel.AgencyId;

/**
 * The auditor asking: their agency and their name (the token's subject). An auditor of a
 * partnership-wide agency ({@code hub.audit.reader.partnership-auditors}) sees every event; any
 * other sees the events their agency took part in, as actor, provider or recipient.
 */
public record AuditViewer(AgencyId agency, String auditor) {}
