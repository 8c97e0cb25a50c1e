package uk.mashhub.ingest.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import mashhub.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.mashhub.ingest.IngestIntegrationTest;
import uk.mashhub.ingest.person.Demographics;
import uk.mashhub.ingest.person.NhsNumber;
import uk.mashhub.ingest.person.Sex;
import uk.mashhub.ingest.record.AgencyRecords;
import uk.mashhub.ingest.record.RecordSubmission;
import uk.mashhub.ingest.referral.ConcernCategory;
import uk.mashhub.ingest.referral.ConsentPosition;
import uk.mashhub.ingest.referral.PersonReport;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.ingest.referral.ReferralSubmission;
import uk.mashhub.ingest.referral.Referrals;
import uk.mashhub.ingest.referral.ReferrerContact;
import uk.mashhub.ingest.referral.Urgency;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;

@IngestIntegrationTest
class CrossAgencySignalsIntegrationTests {

    private static final Actor SCHOOL = new Actor(new AgencyId("northshire-education"), "school-system");
    private static final Actor POLICE = new Actor(new AgencyId("northshire-police"), "police-system");
    private static final Actor HEALTH = new Actor(new AgencyId("northshire-health"), "health-system");

    private final Referrals referrals;
    private final AgencyRecords records;
    private final CrossAgencySignals signals;
    private final MutableClock clock;

    CrossAgencySignalsIntegrationTests(
            @Autowired Referrals referrals,
            @Autowired AgencyRecords records,
            @Autowired CrossAgencySignals signals,
            @Autowired MutableClock clock) {
        this.referrals = referrals;
        this.records = records;
        this.signals = signals;
        this.clock = clock;
    }

    /** A child every agency knows by its own id, all carrying the same valid NHS number, so they are one person. */
    private record Child(String localId, Demographics demographics) {}

    private static Child child() {
        String nine = String.format("%09d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000L));
        for (int last = 0; last <= 9; last++) {
            if (NhsNumber.isValid(nine + last)) {
                return new Child(
                        "id-" + UUID.randomUUID(),
                        new Demographics(
                                "Leo",
                                "Quinn",
                                LocalDate.of(2014, 2, 11),
                                Sex.MALE,
                                "NS3 9XY",
                                new NhsNumber(nine + last)));
            }
        }
        return child();
    }

    private void record(Actor provider, Child child, DataCategory category, Instant recordedAt) {
        records.contribute(
                new RecordSubmission(
                        new PersonReport(provider.agency() + "-" + child.localId(), child.demographics(), null),
                        category,
                        Map.of("summary", "low-level concern"),
                        Set.of(),
                        "REF-1",
                        recordedAt),
                provider);
    }

    private Referral refer(Child child) {
        return referrals.receive(
                new ReferralSubmission(
                        new PersonReport("school-" + child.localId(), child.demographics(), null),
                        List.of(),
                        Set.of(ConcernCategory.SCHOOL_ATTENDANCE),
                        "Often absent on Mondays.",
                        new ConsentPosition(false, null, "Parents not yet approached"),
                        Urgency.ROUTINE,
                        new ReferrerContact("D. Lead", "DSL", null, null)),
                SCHOOL);
    }

    @Test
    void contactsFromSeveralAgenciesAboutOnePersonAddUp() {
        Child child = child();
        record(POLICE, child, DataCategory.POLICE_INCIDENTS, clock.instant().minus(Duration.ofDays(20)));
        record(HEALTH, child, DataCategory.HEALTH_SUMMARY, clock.instant().minus(Duration.ofDays(5)));
        Referral referral = refer(child);

        CrossAgencySignal signal = signals.forReferral(referral.id());

        assertThat(signal.raised()).isTrue();
        assertThat(signal.contacts()).isEqualTo(3);
        assertThat(signal.agencies()).containsExactly("northshire-education", "northshire-health", "northshire-police");
        assertThat(signal.evidence())
                .extracting(CrossAgencySignal.Contact::kind)
                .containsExactly(
                        CrossAgencySignal.Kind.RECORD, CrossAgencySignal.Kind.RECORD, CrossAgencySignal.Kind.REFERRAL);
        assertThat(signal.evidence().getFirst().about()).containsExactly("POLICE_INCIDENTS");
    }

    @Test
    void contactsOutsideTheWindowDoNotCount() {
        Child child = child();
        record(POLICE, child, DataCategory.POLICE_INCIDENTS, clock.instant().minus(Duration.ofDays(200)));
        record(HEALTH, child, DataCategory.HEALTH_SUMMARY, clock.instant().minus(Duration.ofDays(150)));
        Referral referral = refer(child);

        CrossAgencySignal signal = signals.forReferral(referral.id());

        assertThat(signal.raised()).isFalse();
        assertThat(signal.contacts()).isEqualTo(1);
    }

    @Test
    void manyContactsFromOneAgencyAloneAreNotASignal() {
        Child child = child();
        for (int i = 1; i <= 3; i++) {
            record(
                    SCHOOL,
                    child,
                    DataCategory.EDUCATION_ATTENDANCE,
                    clock.instant().minus(Duration.ofDays(i)));
        }
        Referral referral = refer(child);

        assertThat(signals.forReferral(referral.id()).raised()).isFalse();
    }
}
