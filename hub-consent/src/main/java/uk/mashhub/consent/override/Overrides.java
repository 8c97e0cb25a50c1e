package uk.mashhub.consent.override;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.mashhub.consent.agency.Agencies;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.FieldNames;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ProblemType;
import uk.mashhub.kernel.PurposeCode;
import uk.mashhub.kernel.ReferralId;

/**
 * Overrides and break-glass: recorded by a practitioner for their own agency, reviewed by the
 * data-owning agency. Only the recording agency and the data owner ever see one.
 */
@Component
@Transactional
@EnableConfigurationProperties(OverridePolicy.class)
public class Overrides {

    public static final ProblemType ALREADY_REVIEWED =
            new ProblemType("already-reviewed", "This override has already been reviewed", 409);

    private static final String COLUMNS = """
            id, kind, referral_id, person_id, recorded_by_agency, recorded_by, justification, gateway, provider,
            categories, purpose, fields, recorded_at, expires_at, review_outcome, review_note,
            reviewed_by_agency, reviewed_by, reviewed_at""";

    private final JdbcClient jdbc;
    private final Agencies agencies;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final OverridePolicy policy;

    Overrides(
            JdbcClient jdbc, Agencies agencies, ApplicationEventPublisher events, Clock clock, OverridePolicy policy) {
        this.jdbc = jdbc;
        this.agencies = agencies;
        this.events = events;
        this.clock = clock;
        this.policy = policy;
    }

    /** The legal gateways an override or break-glass may cite (hub.consent.overrides.gateways). */
    public List<String> gateways() {
        return policy.gateways();
    }

    public SharingOverride record(OverrideRequest request, Actor by) {
        Instant now = clock.instant();
        if (request.justification() == null
                || request.justification().isBlank()
                || request.justification().length() > 4000) {
            throw new InvalidValue(
                    "justification", "must say why sharing without consent is necessary (1 to 4000 characters)");
        }
        if (request.gateway() == null || !policy.gateways().contains(request.gateway())) {
            // the citation goes into the permanent audit log: one of the partnership's list, never free text
            throw new InvalidValue(
                    "gateway",
                    "must be one of the partnership's legal gateways: " + String.join("; ", policy.gateways()));
        }
        if (!request.expiresAt().isAfter(now) || request.expiresAt().isAfter(now.plus(policy.max(request.kind())))) {
            throw new InvalidValue(
                    "expiry",
                    "must be in the future and at most "
                            + policy.max(request.kind()).toHours() + " hours away");
        }
        if (request.kind() == OverrideKind.OVERRIDE && request.scope().purpose() == null) {
            throw new InvalidValue("override's purpose", "is required: an override works under an agreement's purpose");
        }
        if (request.kind() == OverrideKind.BREAK_GLASS
                && request.scope().fields().isEmpty()) {
            throw new InvalidValue(
                    "break-glass fields", "must name the fields needed: there is no agreement to name them");
        }
        // field names go into the permanent audit log and the stream: names, never free text. Checked
        // when recorded, not when read: overrides kept before this rule must still be read
        if (request.scope().fields().stream().anyMatch(field -> !FieldNames.isWellFormed(field))) {
            throw new InvalidValue("break-glass field names", "must be " + FieldNames.SHAPE);
        }
        // the holder of the data must be a partner: refused here by name, not by the foreign key
        agencies.requireRegistered(request.scope().provider(), "provider");
        var override = new SharingOverride(
                new OverrideId(UUID.randomUUID()),
                request.kind(),
                request.referral(),
                request.person(),
                by,
                request.justification(),
                request.gateway(),
                request.scope(),
                now,
                request.expiresAt(),
                Review.pending());
        jdbc.sql("INSERT INTO consent.override (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', NULL, NULL, NULL, NULL)")
                .params(
                        override.id().value(),
                        override.kind().name(),
                        override.referral().value(),
                        override.person().value(),
                        by.agency().value(),
                        by.subject(),
                        override.justification(),
                        override.gateway(),
                        override.scope().provider().value(),
                        override.scope().categories().stream()
                                .map(Enum::name)
                                .sorted()
                                .toArray(String[]::new),
                        override.scope().purpose() == null
                                ? null
                                : override.scope().purpose().value(),
                        override.scope().fields().toArray(String[]::new),
                        Timestamp.from(now),
                        Timestamp.from(override.expiresAt()))
                .update();
        events.publishEvent(new OverrideEvent.Recorded(override, cited(override)));
        return override;
    }

    /** Pending overrides and break-glass whose data the reviewer's agency owns; break-glass first, then oldest. */
    @Transactional(readOnly = true)
    public List<SharingOverride> reviewQueue(AgencyId reviewerAgency) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM consent.override WHERE provider = ? AND review_outcome = 'PENDING'
                        ORDER BY kind = 'BREAK_GLASS' DESC, recorded_at""")
                .param(reviewerAgency.value())
                .query(Overrides::row)
                .list();
    }

    /** The data owner approves or rejects; a rejection stops the override permitting anything more. */
    public SharingOverride review(OverrideId id, ReviewOutcome outcome, String note, Actor reviewer) {
        if (outcome == ReviewOutcome.PENDING) {
            throw new InvalidValue("review outcome", "must be APPROVED or REJECTED");
        }
        if (note == null || note.isBlank() || note.length() > 4000) {
            throw new InvalidValue("review note", "must be 1 to 4000 characters");
        }
        SharingOverride current = jdbc.sql("SELECT " + COLUMNS + " FROM consent.override WHERE id = ? FOR UPDATE")
                .param(id.value())
                .query(Overrides::row)
                .optional()
                .filter(found -> found.scope().provider().equals(reviewer.agency()))
                .orElseThrow(() -> new NotFound("override to review"));
        if (current.review().outcome() != ReviewOutcome.PENDING) {
            throw new HubProblem(ALREADY_REVIEWED, "It was " + current.review().outcome() + " already.");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE consent.override SET review_outcome = ?, review_note = ?, reviewed_by_agency = ?,
                               reviewed_by = ?, reviewed_at = ? WHERE id = ?""")
                .params(
                        outcome.name(),
                        note,
                        reviewer.agency().value(),
                        reviewer.subject(),
                        Timestamp.from(now),
                        id.value())
                .update();
        var reviewed = new SharingOverride(
                current.id(),
                current.kind(),
                current.referral(),
                current.person(),
                current.recordedBy(),
                current.justification(),
                current.gateway(),
                current.scope(),
                current.recordedAt(),
                current.expiresAt(),
                new Review(outcome, note, reviewer, now));
        events.publishEvent(new OverrideEvent.Reviewed(reviewed, cited(reviewed)));
        return reviewed;
    }

    /** The gateway for the audit log: one on the partnership's list, or nothing (never typed text). */
    private String cited(SharingOverride override) {
        return override.gateway() != null && policy.gateways().contains(override.gateway()) ? override.gateway() : "";
    }

    /** The override, if the viewer's agency recorded it or owns its data. */
    @Transactional(readOnly = true)
    public Optional<SharingOverride> find(OverrideId id, AgencyId viewer) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent.override WHERE id = ?")
                .param(id.value())
                .query(Overrides::row)
                .optional()
                .filter(found -> found.recipient().equals(viewer)
                        || found.scope().provider().equals(viewer));
    }

    /** Every override recorded for any of the referrals, in one query. */
    @Transactional(readOnly = true)
    public Map<ReferralId, List<SharingOverride>> forReferrals(Collection<ReferralId> referrals) {
        if (referrals.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT " + COLUMNS + " FROM consent.override WHERE referral_id = ANY(?) ORDER BY recorded_at")
                .param(referrals.stream().map(ReferralId::value).distinct().toArray(UUID[]::new))
                .query(Overrides::row)
                .list()
                .stream()
                .collect(Collectors.groupingBy(SharingOverride::referral, HashMap::new, Collectors.toList()));
    }

    private static SharingOverride row(ResultSet rs, int rowNumber) throws SQLException {
        String purpose = rs.getString("purpose");
        String reviewedBy = rs.getString("reviewed_by");
        Timestamp reviewedAt = rs.getTimestamp("reviewed_at");
        return new SharingOverride(
                new OverrideId(rs.getObject("id", UUID.class)),
                OverrideKind.valueOf(rs.getString("kind")),
                new ReferralId(rs.getObject("referral_id", UUID.class)),
                new PersonId(rs.getObject("person_id", UUID.class)),
                new Actor(new AgencyId(rs.getString("recorded_by_agency")), rs.getString("recorded_by")),
                rs.getString("justification"),
                rs.getString("gateway"),
                new OverrideScope(
                        new AgencyId(rs.getString("provider")),
                        Arrays.stream((String[]) rs.getArray("categories").getArray())
                                .map(DataCategory::valueOf)
                                .collect(Collectors.toSet()),
                        purpose == null ? null : new PurposeCode(purpose),
                        List.of((String[]) rs.getArray("fields").getArray())),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                new Review(
                        ReviewOutcome.valueOf(rs.getString("review_outcome")),
                        rs.getString("review_note"),
                        reviewedBy == null
                                ? null
                                : new Actor(new AgencyId(rs.getString("reviewed_by_agency")), reviewedBy),
                        reviewedAt == null ? null : reviewedAt.toInstant()));
    }
}
