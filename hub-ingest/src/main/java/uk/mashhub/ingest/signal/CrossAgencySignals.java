package uk.mashhub.ingest.signal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.mashhub.kernel.ReferralId;

/**
 * Finds, for a referral's subject, every referral and record about the same person (through all
 * their linked identities) within the window, and says whether they add up to a signal.
 */
@Component
@Transactional(readOnly = true)
@EnableConfigurationProperties(SignalPolicy.class)
public class CrossAgencySignals {

    private static final String CONTACTS = """
            WITH subjects AS (
              SELECT r.id AS referral_id, i.person_id FROM ingest.referral r
                JOIN ingest.person_identity i ON i.id = r.subject_identity WHERE r.id = ANY(?)),
            identities AS (
              SELECT s.referral_id, p.id AS identity_id FROM subjects s
                JOIN ingest.person_identity p ON p.person_id = s.person_id)
            SELECT x.referral_id, 'REFERRAL' AS kind, r.referrer_agency AS agency, r.received_at AS at,
                   array_to_string(r.concerns, ',') AS about
              FROM identities x JOIN ingest.referral r ON r.subject_identity = x.identity_id WHERE r.received_at >= ?
            UNION ALL
            SELECT x.referral_id, 'RECORD', a.provider, a.recorded_at, a.category
              FROM identities x JOIN ingest.agency_record a ON a.subject_identity = x.identity_id WHERE a.recorded_at >= ?
            ORDER BY 4""";

    private final JdbcClient jdbc;
    private final SignalPolicy policy;
    private final Clock clock;

    CrossAgencySignals(JdbcClient jdbc, SignalPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
    }

    public CrossAgencySignal forReferral(ReferralId referral) {
        return forReferrals(List.of(referral))
                .getOrDefault(referral, new CrossAgencySignal(false, 0, List.of(), List.of()));
    }

    /** The signal of every referral of a page, in one query. */
    public Map<ReferralId, CrossAgencySignal> forReferrals(Collection<ReferralId> referrals) {
        Map<ReferralId, CrossAgencySignal> signals = new HashMap<>();
        if (referrals.isEmpty()) {
            return signals;
        }
        Timestamp since = Timestamp.from(clock.instant().minus(policy.window()));
        Map<ReferralId, List<CrossAgencySignal.Contact>> contacts = new HashMap<>();
        jdbc.sql(CONTACTS)
                .params(referrals.stream().map(ReferralId::value).toArray(UUID[]::new), since, since)
                .query(rs -> {
                    contacts.computeIfAbsent(
                                    new ReferralId(rs.getObject("referral_id", UUID.class)), k -> new ArrayList<>())
                            .add(new CrossAgencySignal.Contact(
                                    CrossAgencySignal.Kind.valueOf(rs.getString("kind")),
                                    rs.getString("agency"),
                                    rs.getTimestamp("at").toInstant(),
                                    Arrays.asList(rs.getString("about").split(","))));
                });
        for (ReferralId referral : referrals) {
            List<CrossAgencySignal.Contact> evidence = contacts.getOrDefault(referral, List.of());
            var agencies = new TreeSet<String>();
            evidence.forEach(contact -> agencies.add(contact.agency()));
            boolean raised = evidence.size() >= policy.minContacts() && agencies.size() >= policy.minAgencies();
            signals.put(referral, new CrossAgencySignal(raised, evidence.size(), List.copyOf(agencies), evidence));
        }
        return signals;
    }
}
