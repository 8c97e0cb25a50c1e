package uk.mashhub.audit;

import java.util.UUID;

/**
 * Proof that an audit event is in the chain: its id, its sequence number and its hash (lower-case
 * hex SHA-256). A disclosure receipt lets the recipient, or an auditor, find and verify the event.
 */
public record AuditReceipt(UUID eventId, long sequence, String hash) {}
