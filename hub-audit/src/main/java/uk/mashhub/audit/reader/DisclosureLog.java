package uk.mashhub.audit.reader;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.AuditLog;
import uk.mashhub.audit.AuditReceipt;
import uk.mashhub.audit.Auditable;
import uk.mashhub.audit.Pseudonyms;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.NotFound;

/**
 * What auditors ask of the read model: searches of the disclosure log, the subject report ("who
 * has seen my data") and withholdings from a subject access answer. Every question is itself an
 * audit event, committed to the source log before the answer is read.
 */
public final class DisclosureLog {

    /** The most entries one page (or one subject report page) holds. */
    public static final int MAX_PAGE = 1000;

    private final ReadModel readModel;
    private final Pseudonyms pseudonyms;
    private final ReaderProperties properties;
    private final TransactionTemplate auditing;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    DisclosureLog(
            ReadModel readModel,
            Pseudonyms pseudonyms,
            ReaderProperties properties,
            TransactionTemplate auditing,
            AuditLog auditLog,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.readModel = readModel;
        this.pseudonyms = pseudonyms;
        this.properties = properties;
        this.auditing = auditing;
        this.auditLog = auditLog;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /**
     * One page of a search, newest first.
     *
     * @param before the cursor: the sequence number the previous page ended at (null for the first page)
     * @param readModelPosition the read model's position when it answered: events after it are not in it yet
     */
    public record Page(
            List<DisclosureEntry> entries, @Nullable Long next, long readModelPosition) {}

    public Page search(DisclosureFilter filter, AuditViewer viewer, @Nullable Long before, int limit) {
        requireLimit(limit);
        requireCursor(before);
        Map<String, Object> details = filter.asDetails();
        details.put("limit", limit);
        if (before != null) {
            details.put("before", before);
        }
        audit("AuditLogSearched", viewer, details);
        Criteria criteria = new Criteria(
                filter, person(filter.personId()), visibleTo(viewer), false, before, null, false, limit + 1);
        return page(criteria, limit);
    }

    /**
     * Every event naming one person, newest first, with its withholding if any. For a subject
     * access answer ({@code forSubjectAccess}) withheld entries are left out and counted.
     */
    public record SubjectReport(
            String person,
            List<DisclosureEntry> entries,
            Map<String, Long> disclosuresByRecipient,
            long withheldEntries,
            @Nullable Long next,
            long readModelPosition) {}

    public SubjectReport subjectReport(
            String personId, AuditViewer viewer, boolean forSubjectAccess, @Nullable Long before, int limit) {
        requireLimit(limit);
        requireCursor(before);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("personId", personId);
        details.put("forSubjectAccess", forSubjectAccess);
        audit("SubjectReportViewed", viewer, details);
        String person = pseudonyms.of(personId);
        Page page = page(
                new Criteria(
                        DisclosureFilter.everything(), person, visibleTo(viewer), true, before, null, false, limit + 1),
                limit);
        List<DisclosureEntry> shown = new ArrayList<>();
        Map<String, Long> byRecipient = new TreeMap<>();
        long withheld = 0;
        for (DisclosureEntry entry : page.entries()) {
            if (forSubjectAccess && entry.withheld() != null) {
                withheld++;
                continue;
            }
            shown.add(entry);
            if ("RecordReleased".equals(entry.type()) && entry.recipient() != null) {
                byRecipient.merge(entry.recipient(), 1L, Long::sum);
            }
        }
        if (!forSubjectAccess) {
            withheld = page.entries().stream().filter(e -> e.withheld() != null).count();
        }
        return new SubjectReport(person, shown, byRecipient, withheld, page.next(), page.readModelPosition());
    }

    /**
     * Withholds one entry of a person's report from a subject access answer, on a recorded
     * exemption. The withholding is an audit event; the read model shows it once it has consumed it.
     */
    public AuditReceipt withhold(
            String personId, long sequence, Exemption exemption, @Nullable String reference, AuditViewer viewer) {
        if (reference != null && !reference.matches("[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}")) {
            throw new InvalidValue("reference", "must be a case or ticket reference of letters, digits and / _ . -");
        }
        requireEntry(personId, sequence, viewer);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("personId", personId);
        details.put("entrySequence", sequence);
        details.put("exemption", exemption.name());
        if (reference != null) {
            details.put("reference", reference);
        }
        return audit(ReadModel.WITHHELD, viewer, details);
    }

    /** Ends a withholding: the entry is part of a subject access answer again. */
    public AuditReceipt release(String personId, long sequence, AuditViewer viewer) {
        requireEntry(personId, sequence, viewer);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("personId", personId);
        details.put("entrySequence", sequence);
        return audit(ReadModel.WITHHELD_RELEASED, viewer, details);
    }

    private void requireEntry(String personId, long sequence, AuditViewer viewer) {
        Criteria criteria = new Criteria(
                DisclosureFilter.everything(),
                pseudonyms.of(personId),
                visibleTo(viewer),
                true,
                sequence + 1,
                sequence - 1,
                false,
                1);
        if (readModel
                .jdbc()
                .query(criteria.sql, (row, n) -> row.getLong(1), criteria.arguments())
                .isEmpty()) {
            throw new NotFound("audit entry");
        }
    }

    private Page page(Criteria criteria, int limit) {
        long position = readModel.position().sequence();
        List<DisclosureEntry> entries = new ArrayList<>(
                readModel.jdbc().query(criteria.sql, (row, n) -> Criteria.entry(row, json), criteria.arguments()));
        Long next = null;
        if (entries.size() > limit) {
            entries.removeLast();
            next = entries.getLast().sequence();
        }
        return new Page(entries, next, position);
    }

    @Nullable
    String visibleTo(AuditViewer viewer) {
        return properties.partnershipAuditors().contains(viewer.agency().value())
                ? null
                : viewer.agency().value();
    }

    @Nullable
    String person(@Nullable String personId) {
        return personId == null ? null : pseudonyms.of(personId);
    }

    AuditReceipt audit(String type, AuditViewer viewer, Map<String, Object> details) {
        Instant at = clock.instant();
        AuditEvent event = new AuditEvent(AuditEvent.newId(), type, viewer.agency(), viewer.auditor(), at, details);
        List<AuditReceipt> receipts = auditing.execute(status -> {
            events.publishEvent((Auditable) () -> event);
            return auditLog.seal();
        });
        return receipts.getFirst();
    }

    /** A cursor is a sequence number of the log: 1 to 2^53, the integers its encoding holds exactly. */
    private static void requireCursor(@Nullable Long before) {
        if (before != null && (before < 1 || before > AuditEvent.MAX_INTEGER)) {
            throw new InvalidValue("cursor 'before'", "must be the 'next' value of a previous page");
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidValue("limit", "must be between 1 and " + MAX_PAGE);
        }
    }
}
