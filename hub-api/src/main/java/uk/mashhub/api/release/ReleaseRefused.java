package uk.mashhub.api.release;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import uk.mashhub.audit.AuditEvent;
import uk.mashhub.audit.Auditable;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.PurposeCode;
import uk.mashhub.kernel.ReferralId;

/**
 * The audit event of a release asked for by an agency that is not an active partner, or under a
 * referral the requester has no part in, or that does not exist: refused before any record was
 * looked at ({@code ReleaseRefused}, with the reason code). The requester is told only that it is
 * not a partner, or that there is no such referral; the auditor sees who asked, for what and under
 * which referral id — the attempts that most need recording.
 *
 * @param recordId the record asked for, if one was
 * @param categories the categories asked for (none: every category, or one record)
 * @param providers the providers asked for (none: every provider, or one record)
 */
record ReleaseRefused(
        String reason,
        ReferralId referral,
        PurposeCode purpose,
        @Nullable UUID recordId,
        List<DataCategory> categories,
        List<AgencyId> providers,
        Actor requester,
        Instant at)
        implements Auditable {

    /** The requester's agency has no part in the referral, or there is no such referral (answered 404). */
    static final String REFERRAL_NOT_VISIBLE = "REFERRAL_NOT_VISIBLE";

    /** The requester's agency is not an active partner of the hub (answered 403). */
    static final String AGENCY_NOT_A_PARTNER = "AGENCY_NOT_A_PARTNER";

    /**
     * Under a referral the requester may see, no record of the categories and providers asked for is
     * held about the case's persons: nothing to decide, nothing released (answered with no
     * disclosures) — audited all the same, as who asked for what about whom.
     */
    static final String NO_RECORD_FOUND = "NO_RECORD_FOUND";

    @Override
    public AuditEvent auditEvent() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("referralId", referral.toString());
        if (recordId != null) {
            details.put("recordId", recordId.toString());
        }
        if (!categories.isEmpty()) {
            details.put(
                    "categories", categories.stream().map(Enum::name).sorted().toList());
        }
        if (!providers.isEmpty()) {
            details.put(
                    "providers",
                    providers.stream().map(AgencyId::value).sorted().toList());
        }
        details.put("recipient", requester.agency().value());
        details.put("purpose", purpose.value());
        details.put("decision", "DENY");
        details.put("reasonCodes", List.of(reason));
        return new AuditEvent(
                AuditEvent.newId(), "ReleaseRefused", requester.agency(), requester.subject(), at, details);
    }
}
