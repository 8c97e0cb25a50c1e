package uk.mashhub.audit;

/**
 * A domain event that must be audited. Modules publish their own past-tense events (through
 * Spring's {@code ApplicationEventPublisher}) implementing this; the audit log appends the event
 * in the publisher's transaction, so the change and its audit record commit or fail together.
 */
public interface Auditable {

    AuditEvent auditEvent();
}
