package uk.mashhub.ingest.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mashhub.testsupport.MutableClock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.audit.Pseudonyms;
import uk.mashhub.ingest.IngestIntegrationTest;
import uk.mashhub.ingest.person.Resolution.LinkKind;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.LocalTime;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.ProblemType;

/**
 * Every test works on its own date of birth and NHS number, so tests (and the matching quality
 * test, whose children are born after 2008) never see each other's persons as candidates.
 */
@IngestIntegrationTest
class PersonsIntegrationTests {

    private static final AgencyId POLICE = new AgencyId("northshire-police");
    private static final AgencyId HEALTH = new AgencyId("northshire-health");
    private static final AgencyId SCHOOLS = new AgencyId("northshire-schools");
    private static final Actor POLICE_SYSTEM = new Actor(POLICE, "police-records-system");
    private static final Actor HEALTH_SYSTEM = new Actor(HEALTH, "child-health-system");
    private static final Actor SCHOOLS_SYSTEM = new Actor(SCHOOLS, "schools-census");
    private static final Actor PRACTITIONER = new Actor(new AgencyId("northshire-mash"), "mash.practitioner");

    private static final AtomicInteger BIRTHDAYS = new AtomicInteger();
    private static final AtomicInteger NHS_NUMBERS = new AtomicInteger();

    private final Pseudonyms pseudonyms;
    private final Persons persons;
    private final JdbcClient jdbc;
    private final MutableClock clock;

    PersonsIntegrationTests(
            @Autowired Persons persons,
            @Autowired JdbcClient jdbc,
            @Autowired MutableClock clock,
            @Autowired Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.persons = persons;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A date of birth no other test uses, nor a day, a year or a swapped day and month from one. */
    private static LocalDate birthday() {
        int n = BIRTHDAYS.getAndIncrement();
        return LocalDate.of(1950 + 2 * (n / 10), 1 + n % 10, 20);
    }

    /** A valid NHS number from the 999 range, which no other test uses. */
    private static NhsNumber nhsNumber() {
        while (true) {
            String first = Integer.toString(999_000_000 + NHS_NUMBERS.getAndIncrement());
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (first.charAt(i) - '0') * (10 - i);
            }
            int check = (11 - sum % 11) % 11;
            if (check != 10) {
                return new NhsNumber(first + check);
            }
        }
    }

    private static String localId() {
        return UUID.randomUUID().toString();
    }

    private static Demographics charlotte(LocalDate born, @Nullable NhsNumber nhs) {
        return new Demographics("Charlotte", "Harrison", born, Sex.FEMALE, "NS1 4AB", nhs);
    }

    private List<AuditRow> audit(IdentityId identity) {
        return jdbc.sql("""
                        SELECT type, actor_agency, actor, details::text AS details FROM audit.audit_event
                         WHERE details->>'identityId' = ? ORDER BY occurred_at, type""")
                .param(pseudonyms.of(identity.toString()))
                .query((rs, n) -> new AuditRow(
                        rs.getString("type"),
                        rs.getString("actor_agency"),
                        rs.getString("actor"),
                        rs.getString("details")))
                .list();
    }

    private record AuditRow(String type, String agency, String actor, String details) {}

    /** The step is refused with a problem of this type. */
    private static void assertRefused(ThrowingCallable step, ProblemType type) {
        assertThatThrownBy(step).isInstanceOfSatisfying(HubProblem.class, problem -> assertThat(problem.type())
                .isEqualTo(type));
    }

    private MatchReview pendingReviewOf(IdentityId identity) {
        return persons.reviewQueue(Integer.MAX_VALUE).stream()
                .filter(review -> review.identity().equals(identity))
                .findFirst()
                .orElseThrow();
    }

    private boolean queued(IdentityId identity) {
        return persons.reviewQueue(Integer.MAX_VALUE).stream()
                .anyMatch(review -> review.identity().equals(identity));
    }

    @Test
    void theSameLocalIdAtTheSameAgencyIsTheSameIdentity() {
        LocalDate born = birthday();
        String local = localId();
        Resolution first = persons.resolve(POLICE, local, charlotte(born, null), POLICE_SYSTEM);

        var moved = new Demographics("Charlotte", "Harrison", born, Sex.FEMALE, "NS7 2CD", null);
        Resolution again = persons.resolve(POLICE, local, moved, POLICE_SYSTEM);

        assertThat(first.link()).isEqualTo(LinkKind.NEW_PERSON);
        assertThat(again.link()).isEqualTo(LinkKind.KNOWN_IDENTITY);
        assertThat(again.identity()).isEqualTo(first.identity());
        assertThat(again.person()).isEqualTo(first.person());
        assertThat(persons.identitiesOf(first.person())).containsExactly(first.identity());
        assertThat(jdbc.sql("SELECT postcode FROM ingest.person_identity WHERE id = ?")
                        .param(first.identity().value())
                        .query(String.class)
                        .single())
                .as("the agency's latest details are kept")
                .isEqualTo("NS72CD");
    }

    @Test
    void aBatchResolvesEachReportAsIfTheReportsBeforeItHadBeenResolvedAlready() {
        LocalDate born = birthday();
        NhsNumber nhs = nhsNumber();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        String first = localId();
        var moved = new Demographics("Charlotte", "Harrison", born, Sex.FEMALE, "NS7 2CD", null);
        var lottie = new Demographics("Lottie", "Green", born, Sex.FEMALE, null, nhs);

        List<Resolution> batch = persons.resolveAll(
                POLICE,
                List.of(
                        new Persons.Report(first, charlotte(born, null)),
                        new Persons.Report(localId(), charlotte(born, null)),
                        new Persons.Report(first, moved),
                        new Persons.Report(localId(), charlotte(born, nhs)),
                        new Persons.Report(localId(), lottie),
                        new Persons.Report(localId(), lottie)),
                POLICE_SYSTEM);

        assertThat(batch)
                .extracting(Resolution::link)
                .containsExactly(
                        LinkKind.DEMOGRAPHIC,
                        LinkKind.DEMOGRAPHIC,
                        LinkKind.KNOWN_IDENTITY,
                        LinkKind.DEMOGRAPHIC,
                        LinkKind.NHS_NUMBER,
                        LinkKind.NHS_NUMBER);
        assertThat(batch).extracting(Resolution::person).containsOnly(health.person());
        assertThat(batch.get(2).identity()).isEqualTo(batch.get(0).identity());
        assertThat(persons.identitiesOf(health.person())).hasSize(6);
        assertThat(jdbc.sql("SELECT nhs_number FROM ingest.person WHERE id = ?")
                        .param(health.person().value())
                        .query(String.class)
                        .single())
                .as("the NHS number claimed within the batch")
                .isEqualTo(nhs.value());
        assertThat(jdbc.sql("SELECT postcode FROM ingest.person_identity WHERE id = ?")
                        .param(batch.get(0).identity().value())
                        .query(String.class)
                        .single())
                .isEqualTo("NS72CD");
        assertThat(audit(batch.get(0).identity())).extracting(AuditRow::type).containsExactly("PersonLinked");
        assertThat(audit(batch.get(5).identity())).extracting(AuditRow::type).containsExactly("PersonLinked");
    }

    @Test
    void aBatchLinksTwoReportsOfANewChildToOneNewPersonAndQueuesANearOne() {
        LocalDate born = birthday();
        NhsNumber nhs = nhsNumber();
        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", null);

        List<Resolution> batch = persons.resolveAll(
                SCHOOLS,
                List.of(
                        new Persons.Report(localId(), charlotte(born, null)),
                        new Persons.Report(localId(), charlotte(born, null)),
                        new Persons.Report(localId(), misspelt),
                        new Persons.Report(localId(), charlotte(born, nhs))),
                SCHOOLS_SYSTEM);

        assertThat(batch)
                .extracting(Resolution::link)
                .containsExactly(LinkKind.NEW_PERSON, LinkKind.DEMOGRAPHIC, LinkKind.NEW_PERSON, LinkKind.DEMOGRAPHIC);
        assertThat(batch.get(3).person()).isEqualTo(batch.get(0).person());
        assertThat(jdbc.sql("SELECT nhs_number FROM ingest.person WHERE id = ?")
                        .param(batch.get(0).person().value())
                        .query(String.class)
                        .single())
                .as("a person made by the batch takes the NHS number a later report brings")
                .isEqualTo(nhs.value());
        assertThat(batch.get(1).person()).isEqualTo(batch.get(0).person());
        assertThat(batch.get(2).person()).isNotEqualTo(batch.get(0).person());
        assertThat(batch.get(2).possibleMatches()).containsExactly(batch.get(0).person());
        assertThat(pendingReviewOf(batch.get(2).identity()).candidate())
                .isEqualTo(batch.get(0).person());
    }

    @Test
    void theSameLocalIdAtAnotherAgencyIsAnotherIdentity() {
        LocalDate born = birthday();
        String local = localId();
        Resolution police = persons.resolve(POLICE, local, charlotte(born, null), POLICE_SYSTEM);

        Resolution schools = persons.resolve(
                SCHOOLS, local, new Demographics("Aisha", "Begum", born, Sex.FEMALE, "NS3 8QT", null), SCHOOLS_SYSTEM);

        assertThat(schools.identity()).isNotEqualTo(police.identity());
        assertThat(schools.person()).isNotEqualTo(police.person());
        assertThat(schools.link()).isEqualTo(LinkKind.NEW_PERSON);
    }

    @Test
    void linksAnotherAgencysIdentityWithTheSameNhsNumberAndDateOfBirth() {
        LocalDate born = birthday();
        NhsNumber nhs = nhsNumber();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, nhs), HEALTH_SYSTEM);

        var asThePoliceKnowHer = new Demographics("Lottie", "Harrison-Green", born, Sex.UNKNOWN, null, nhs);
        Resolution police = persons.resolve(POLICE, localId(), asThePoliceKnowHer, POLICE_SYSTEM);

        assertThat(police.link()).isEqualTo(LinkKind.NHS_NUMBER);
        assertThat(police.person()).isEqualTo(health.person());
        assertThat(police.possibleMatches()).isEmpty();
        assertThat(persons.identitiesOf(health.person())).containsExactly(health.identity(), police.identity());
    }

    @Test
    void linksExactDemographicsAtAnotherAgency() {
        LocalDate born = birthday();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);

        var asTheSchoolWritesIt = new Demographics("CHARLOTTE", "harrison", born, Sex.UNKNOWN, "ns14ab", null);
        Resolution school = persons.resolve(SCHOOLS, localId(), asTheSchoolWritesIt, SCHOOLS_SYSTEM);

        assertThat(school.link()).isEqualTo(LinkKind.DEMOGRAPHIC);
        assertThat(school.person()).isEqualTo(health.person());
        assertThat(persons.identitiesOf(health.person())).containsExactly(health.identity(), school.identity());
    }

    @Test
    void aLinkByDemographicsGivesThePersonTheNhsNumberItBrings() {
        LocalDate born = birthday();
        NhsNumber nhs = nhsNumber();
        Resolution school = persons.resolve(SCHOOLS, localId(), charlotte(born, null), SCHOOLS_SYSTEM);
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, nhs), HEALTH_SYSTEM);

        var withNhsOnly = new Demographics("Lottie", "Green", born, Sex.FEMALE, null, nhs);
        Resolution police = persons.resolve(POLICE, localId(), withNhsOnly, POLICE_SYSTEM);

        assertThat(health.link()).isEqualTo(LinkKind.DEMOGRAPHIC);
        assertThat(police.link()).isEqualTo(LinkKind.NHS_NUMBER);
        assertThat(police.person()).isEqualTo(school.person());
    }

    @Test
    void aTypoMakesANewPersonAndAPossibleMatchForReview() {
        LocalDate born = birthday();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);

        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", null);
        Resolution police = persons.resolve(POLICE, localId(), misspelt, POLICE_SYSTEM);

        assertThat(police.link()).isEqualTo(LinkKind.NEW_PERSON);
        assertThat(police.person()).isNotEqualTo(health.person());
        assertThat(police.possibleMatches()).containsExactly(health.person());
        MatchReview review = pendingReviewOf(police.identity());
        assertThat(review.agency()).isEqualTo(POLICE);
        assertThat(review.identityPerson()).isEqualTo(police.person());
        assertThat(review.candidate()).isEqualTo(health.person());
        assertThat(review.incoming())
                .as("as the agency sent them, the postcode normalised")
                .isEqualTo(new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS14AB", null));
        assertThat(review.candidateDemographics().givenName()).isEqualTo("Charlotte");
        assertThat(review.createdAt()).isEqualTo(clock.instant());
    }

    @Test
    void confirmingAPossibleMatchMovesTheIdentityToTheCandidateAndAuditsIt() {
        LocalDate born = birthday();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", null);
        Resolution police = persons.resolve(POLICE, localId(), misspelt, POLICE_SYSTEM);
        MatchReview review = pendingReviewOf(police.identity());

        Resolution confirmed = persons.confirm(review.id(), PRACTITIONER);

        assertThat(confirmed.link()).isEqualTo(LinkKind.CONFIRMED_BY_PRACTITIONER);
        assertThat(confirmed.person()).isEqualTo(health.person());
        assertThat(persons.personOf(police.identity())).isEqualTo(health.person());
        assertThat(persons.identitiesOf(health.person()))
                .containsExactlyInAnyOrder(health.identity(), police.identity());
        assertThat(persons.identitiesOf(police.person())).isEmpty();
        assertThat(queued(police.identity())).isFalse();
        assertThat(jdbc.sql(
                                "SELECT status || ' ' || decided_by_agency || ' ' || decided_by FROM ingest.match_review WHERE id = ?")
                        .param(review.id())
                        .query(String.class)
                        .single())
                .isEqualTo("CONFIRMED northshire-mash mash.practitioner");

        List<AuditRow> audit = audit(police.identity());
        assertThat(audit).extracting(AuditRow::type).containsExactly("PersonLinked", "PersonLinked");
        AuditRow confirmation = audit.getLast();
        assertThat(confirmation.agency()).isEqualTo("northshire-mash");
        assertThat(confirmation.actor()).isEqualTo("mash.practitioner");
        assertThat(confirmation.details())
                .contains(
                        "\"personId\":\"" + pseudonyms.of(health.person().toString()) + "\"",
                        "\"link\":\"CONFIRMED_BY_PRACTITIONER\"");
    }

    @Test
    void refusesToConfirmAMatchThatTheNhsNumbersNowContradict() {
        // queued while neither held a number; since then each side was reported with its own
        LocalDate born = birthday();
        String healthsChild = localId();
        persons.resolve(HEALTH, healthsChild, charlotte(born, null), HEALTH_SYSTEM);
        String policesChild = localId();
        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", null);
        Resolution police = persons.resolve(POLICE, policesChild, misspelt, POLICE_SYSTEM);
        MatchReview review = pendingReviewOf(police.identity());
        persons.resolve(HEALTH, healthsChild, charlotte(born, nhsNumber()), HEALTH_SYSTEM);
        persons.resolve(
                POLICE,
                policesChild,
                new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", nhsNumber()),
                POLICE_SYSTEM);

        assertRefused(() -> persons.confirm(review.id(), PRACTITIONER), Persons.MATCH_CONTRADICTED);
        assertThat(persons.personOf(police.identity())).isEqualTo(police.person());
        assertThat(pendingReviewOf(police.identity()).id())
                .as("still for a practitioner to reject")
                .isEqualTo(review.id());
    }

    @Test
    void refusesToConfirmAMatchOfTheOtherKnownSex() {
        LocalDate born = birthday();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        Resolution police = persons.resolve(
                POLICE,
                localId(),
                new Demographics("Charlote", "Harrison", born, Sex.UNKNOWN, "NS1 4AB", null),
                POLICE_SYSTEM);
        MatchReview review = pendingReviewOf(police.identity());
        persons.resolve(
                POLICE,
                jdbc.sql("SELECT local_id FROM ingest.person_identity WHERE id = ?")
                        .param(police.identity().value())
                        .query(String.class)
                        .single(),
                new Demographics("Charlote", "Harrison", born, Sex.MALE, "NS1 4AB", null),
                POLICE_SYSTEM);

        assertRefused(() -> persons.confirm(review.id(), PRACTITIONER), Persons.MATCH_CONTRADICTED);
        assertThat(persons.identitiesOf(health.person())).containsExactly(health.identity());
    }

    @Test
    void theReviewQueueShowsTheNhsNumberTheCandidatePersonHolds() {
        // the candidate's first identity came without the number; a later report brought it
        LocalDate born = birthday();
        NhsNumber nhs = nhsNumber();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        assertThat(persons.resolve(SCHOOLS, localId(), charlotte(born, nhs), SCHOOLS_SYSTEM)
                        .person())
                .isEqualTo(health.person());
        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", null);
        Resolution police = persons.resolve(POLICE, localId(), misspelt, POLICE_SYSTEM);

        assertThat(pendingReviewOf(police.identity()).candidateDemographics().nhsNumber())
                .isEqualTo(nhs);
    }

    @Test
    void aPossibleMatchWithAPersonLeftWithoutIdentitiesIsWithdrawn() {
        LocalDate born = birthday();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", null);
        Resolution police = persons.resolve(POLICE, localId(), misspelt, POLICE_SYSTEM);
        MatchReview review = pendingReviewOf(police.identity());

        persons.unlink(health.identity(), PRACTITIONER); // the candidate person's only identity leaves it

        assertThat(queued(police.identity())).isFalse();
        assertRefused(() -> persons.confirm(review.id(), PRACTITIONER), Persons.REVIEW_DECIDED);
        assertThat(persons.personOf(police.identity())).isEqualTo(police.person());
    }

    @Test
    void aDecidedReviewCannotBeDecidedAgain() {
        LocalDate born = birthday();
        persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", null);
        Resolution police = persons.resolve(POLICE, localId(), misspelt, POLICE_SYSTEM);
        MatchReview review = pendingReviewOf(police.identity());
        persons.confirm(review.id(), PRACTITIONER);

        assertRefused(() -> persons.reject(review.id(), PRACTITIONER), Persons.REVIEW_DECIDED);
        assertRefused(() -> persons.confirm(review.id(), PRACTITIONER), Persons.REVIEW_DECIDED);
        assertThat(persons.personOf(police.identity())).isEqualTo(review.candidate());
    }

    @Test
    void confirmingOnePossibleMatchWithdrawsTheIdentitysOthers() {
        LocalDate born = birthday();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        var atSchool = new Demographics("Charlotte", "Harrisson", born, Sex.FEMALE, "NS1 4AB", null);
        Resolution school = persons.resolve(SCHOOLS, localId(), atSchool, SCHOOLS_SYSTEM);
        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, null, null);
        Resolution police = persons.resolve(POLICE, localId(), misspelt, POLICE_SYSTEM);
        assertThat(police.possibleMatches()).containsExactlyInAnyOrder(health.person(), school.person());
        MatchReview withHealth = persons.reviewQueue(Integer.MAX_VALUE).stream()
                .filter(r ->
                        r.identity().equals(police.identity()) && r.candidate().equals(health.person()))
                .findFirst()
                .orElseThrow();

        persons.confirm(withHealth.id(), PRACTITIONER);

        assertThat(queued(police.identity())).isFalse();
        assertThat(jdbc.sql("SELECT status FROM ingest.match_review WHERE identity_id = ? ORDER BY status")
                        .param(police.identity().value())
                        .query(String.class)
                        .list())
                .containsExactly("CONFIRMED", "WITHDRAWN");
    }

    @Test
    void rejectingAPossibleMatchTakesItOffTheQueueAndKeepsThemApart() {
        LocalDate born = birthday();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        var sister = new Demographics("Charlie", "Harrison", born, Sex.FEMALE, "NS1 4AB", null);
        String local = localId();
        Resolution police = persons.resolve(POLICE, local, sister, POLICE_SYSTEM);
        MatchReview review = pendingReviewOf(police.identity());

        persons.reject(review.id(), PRACTITIONER);

        assertThat(queued(police.identity())).isFalse();
        assertThat(persons.personOf(police.identity()))
                .isEqualTo(police.person())
                .isNotEqualTo(health.person());
        assertThat(jdbc.sql("SELECT status FROM ingest.match_review WHERE id = ?")
                        .param(review.id())
                        .query(String.class)
                        .single())
                .isEqualTo("REJECTED");
        Resolution reportedAgain = persons.resolve(POLICE, local, sister, POLICE_SYSTEM);
        assertThat(reportedAgain.person()).isEqualTo(police.person());
        assertThat(queued(police.identity())).as("not suggested again").isFalse();
    }

    @Test
    void unlinkingGivesTheIdentityAPersonOfItsOwnAndAuditsIt() {
        LocalDate born = birthday();
        NhsNumber nhs = nhsNumber();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, nhs), HEALTH_SYSTEM);
        Resolution police = persons.resolve(POLICE, localId(), charlotte(born, nhs), POLICE_SYSTEM);
        assertThat(police.person()).isEqualTo(health.person());

        Resolution unlinked = persons.unlink(police.identity(), PRACTITIONER);

        assertThat(unlinked.link()).isEqualTo(LinkKind.UNLINKED_BY_PRACTITIONER);
        assertThat(unlinked.person()).isNotEqualTo(health.person());
        assertThat(persons.personOf(police.identity())).isEqualTo(unlinked.person());
        assertThat(persons.identitiesOf(health.person())).containsExactly(health.identity());
        assertThat(persons.identitiesOf(unlinked.person())).containsExactly(police.identity());
        AuditRow audit = audit(police.identity()).getLast();
        assertThat(audit.type()).isEqualTo("PersonUnlinked");
        assertThat(audit.actor()).isEqualTo("mash.practitioner");
        assertThat(audit.details())
                .contains(
                        "\"personId\":\"" + pseudonyms.of(unlinked.person().toString()) + "\"",
                        "\"link\":\"UNLINKED_BY_PRACTITIONER\"",
                        "\"previousPersonId\":\""
                                + pseudonyms.of(health.person().toString()) + "\"")
                .doesNotContain("possibleMatchPersonIds");
    }

    @Test
    void aWronglyLinkedChildsNhsNumberLeavesWithItSoItsNextReportIsNotLinkedToTheOtherChildAgain() {
        LocalDate born = birthday();
        NhsNumber hers = nhsNumber();
        Resolution school = persons.resolve(SCHOOLS, localId(), charlotte(born, null), SCHOOLS_SYSTEM);
        // another Charlotte Harrison, born the same day at the same postcode: linked by demographics
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, hers), HEALTH_SYSTEM);
        assertThat(health.person()).isEqualTo(school.person());
        Resolution unlinked = persons.unlink(health.identity(), PRACTITIONER);

        var asThePoliceKnowHer = new Demographics("Lottie", "Green", born, Sex.FEMALE, null, hers);
        Resolution police = persons.resolve(POLICE, localId(), asThePoliceKnowHer, POLICE_SYSTEM);

        assertThat(police.link()).isEqualTo(LinkKind.NHS_NUMBER);
        assertThat(police.person()).isEqualTo(unlinked.person()).isNotEqualTo(school.person());
    }

    @Test
    void aConfirmedIdentityTakesItsNhsNumberToThePersonItJoins() {
        LocalDate born = birthday();
        NhsNumber hers = nhsNumber();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", hers);
        Resolution school = persons.resolve(SCHOOLS, localId(), misspelt, SCHOOLS_SYSTEM);
        persons.confirm(pendingReviewOf(school.identity()).id(), PRACTITIONER);

        var asThePoliceKnowHer = new Demographics("Lottie", "Green", born, Sex.FEMALE, null, hers);
        Resolution police = persons.resolve(POLICE, localId(), asThePoliceKnowHer, POLICE_SYSTEM);

        assertThat(police.link()).isEqualTo(LinkKind.NHS_NUMBER);
        assertThat(police.person()).isEqualTo(health.person());
    }

    @Test
    void anAgencyGivingItsChildAnotherChildsNhsNumberMovesTheIdentityOutAndQueuesThePair() {
        LocalDate born = birthday();
        NhsNumber hers = nhsNumber();
        NhsNumber another = nhsNumber();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, hers), HEALTH_SYSTEM);
        String policeLocalId = localId();
        Resolution police = persons.resolve(POLICE, policeLocalId, charlotte(born, hers), POLICE_SYSTEM);
        assertThat(police.person()).isEqualTo(health.person());

        Resolution corrected = persons.resolve(POLICE, policeLocalId, charlotte(born, another), POLICE_SYSTEM);

        assertThat(corrected.identity()).isEqualTo(police.identity());
        assertThat(corrected.link()).isEqualTo(LinkKind.UNLINKED_ON_CONTRADICTION);
        assertThat(corrected.person()).isNotEqualTo(health.person());
        assertThat(persons.identitiesOf(health.person())).containsExactly(health.identity());
        assertThat(persons.identitiesOf(corrected.person())).containsExactly(police.identity());
        MatchReview review = pendingReviewOf(police.identity());
        assertThat(review.candidate()).isEqualTo(health.person());
        AuditRow audit = audit(police.identity()).getLast();
        assertThat(audit.type()).isEqualTo("PersonUnlinked");
        assertThat(audit.details())
                .contains(
                        "\"link\":\"UNLINKED_ON_CONTRADICTION\"",
                        "\"personId\":\"" + pseudonyms.of(corrected.person().toString()) + "\"",
                        "\"previousPersonId\":\""
                                + pseudonyms.of(health.person().toString()) + "\"");

        var asTheSchoolKnowsHim = new Demographics("Sam", "Lee", born, Sex.UNKNOWN, null, another);
        assertThat(persons.resolve(SCHOOLS, localId(), asTheSchoolKnowsHim, SCHOOLS_SYSTEM)
                        .person())
                .as("the new number is the moved identity's person's")
                .isEqualTo(corrected.person());
    }

    @Test
    void anAgencyChangingItsChildsSexAgainstAnotherIdentityMovesItOutWithTheNumberItBrought() {
        LocalDate born = birthday();
        NhsNumber his = nhsNumber();
        Resolution school = persons.resolve(SCHOOLS, localId(), charlotte(born, null), SCHOOLS_SYSTEM);
        String healthLocalId = localId();
        Resolution health = persons.resolve(HEALTH, healthLocalId, charlotte(born, his), HEALTH_SYSTEM);
        assertThat(health.person()).isEqualTo(school.person());

        var heIsABoy = new Demographics("Charlie", "Harrison", born, Sex.MALE, "NS1 4AB", his);
        Resolution corrected = persons.resolve(HEALTH, healthLocalId, heIsABoy, HEALTH_SYSTEM);

        assertThat(corrected.link()).isEqualTo(LinkKind.UNLINKED_ON_CONTRADICTION);
        assertThat(persons.identitiesOf(school.person())).containsExactly(school.identity());
        var asThePoliceKnowHim = new Demographics("C", "Harrison", born, Sex.UNKNOWN, null, his);
        Resolution police = persons.resolve(POLICE, localId(), asThePoliceKnowHim, POLICE_SYSTEM);
        assertThat(police.link()).isEqualTo(LinkKind.NHS_NUMBER);
        assertThat(police.person())
                .as("his number left the girl's person with him")
                .isEqualTo(corrected.person());
    }

    @Test
    void anAgencyCorrectingAnIdentityThatContradictsNoOtherKeepsItsLink() {
        LocalDate born = birthday();
        NhsNumber hers = nhsNumber();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, hers), HEALTH_SYSTEM);
        String schoolLocalId = localId();
        Resolution school = persons.resolve(SCHOOLS, schoolLocalId, charlotte(born, null), SCHOOLS_SYSTEM);
        assertThat(school.person()).isEqualTo(health.person());

        var withHerNumberNow = new Demographics("Charlotte", "Harrison-Green", born, Sex.FEMALE, null, hers);
        Resolution corrected = persons.resolve(SCHOOLS, schoolLocalId, withHerNumberNow, SCHOOLS_SYSTEM);

        assertThat(corrected.link()).isEqualTo(LinkKind.KNOWN_IDENTITY);
        assertThat(corrected.person()).isEqualTo(health.person());
        assertThat(queued(school.identity())).isFalse();
    }

    @Test
    void anAgencyCorrectingItsChildsNumberKeepsTheLinkAndThePersonFollowsTheCorrection() {
        LocalDate born = birthday();
        NhsNumber mistyped = nhsNumber();
        NhsNumber hers = nhsNumber();
        String healthLocalId = localId();
        Resolution health = persons.resolve(HEALTH, healthLocalId, charlotte(born, mistyped), HEALTH_SYSTEM);

        Resolution corrected = persons.resolve(HEALTH, healthLocalId, charlotte(born, hers), HEALTH_SYSTEM);
        Resolution sentAgain = persons.resolve(HEALTH, healthLocalId, charlotte(born, hers), HEALTH_SYSTEM);

        assertThat(List.of(corrected.link(), sentAgain.link())).containsOnly(LinkKind.KNOWN_IDENTITY);
        assertThat(sentAgain.person()).isEqualTo(health.person());
        var asThePoliceKnowHer = new Demographics("Lottie", "Green", born, Sex.UNKNOWN, null, hers);
        assertThat(persons.resolve(POLICE, localId(), asThePoliceKnowHer, POLICE_SYSTEM)
                        .person())
                .as("the corrected number is the person's now")
                .isEqualTo(health.person());
        var underTheMistypedNumber = new Demographics("Sam", "Lee", born, Sex.UNKNOWN, null, mistyped);
        assertThat(persons.resolve(SCHOOLS, localId(), underTheMistypedNumber, SCHOOLS_SYSTEM)
                        .person())
                .as("the mistyped one is not")
                .isNotEqualTo(health.person());
    }

    @Test
    void aNumberNoIdentityHoldsAnyMoreIsGivenUpAndTheOneAnIdentityNowHoldsTaken() {
        LocalDate born = birthday();
        NhsNumber withdrawn = nhsNumber();
        NhsNumber hers = nhsNumber();
        String healthLocalId = localId();
        Resolution health = persons.resolve(HEALTH, healthLocalId, charlotte(born, withdrawn), HEALTH_SYSTEM);
        String schoolLocalId = localId();
        assertThat(persons.resolve(SCHOOLS, schoolLocalId, charlotte(born, null), SCHOOLS_SYSTEM)
                        .person())
                .isEqualTo(health.person());

        persons.resolve(HEALTH, healthLocalId, charlotte(born, null), HEALTH_SYSTEM); // health drops the number
        Resolution school = persons.resolve(SCHOOLS, schoolLocalId, charlotte(born, hers), SCHOOLS_SYSTEM);

        assertThat(school.link()).isEqualTo(LinkKind.KNOWN_IDENTITY);
        var asThePoliceKnowHer = new Demographics("Lottie", "Green", born, Sex.UNKNOWN, null, hers);
        assertThat(persons.resolve(POLICE, localId(), asThePoliceKnowHer, POLICE_SYSTEM)
                        .person())
                .isEqualTo(health.person());
        var underTheDroppedNumber = new Demographics("Sam", "Lee", born, Sex.UNKNOWN, null, withdrawn);
        assertThat(persons.resolve(POLICE, localId(), underTheDroppedNumber, POLICE_SYSTEM)
                        .person())
                .isNotEqualTo(health.person());
    }

    @Test
    void aConfirmedLinkThatAnUpdateContradictsGoesBackToTheReviewQueue() {
        LocalDate born = birthday();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        String policeLocalId = localId();
        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", null);
        Resolution police = persons.resolve(POLICE, policeLocalId, misspelt, POLICE_SYSTEM);
        persons.confirm(pendingReviewOf(police.identity()).id(), PRACTITIONER);

        var heIsABoy = new Demographics("Charlote", "Harrison", born, Sex.MALE, "NS1 4AB", null);
        Resolution updated = persons.resolve(POLICE, policeLocalId, heIsABoy, POLICE_SYSTEM);

        assertThat(updated.link()).isEqualTo(LinkKind.UNLINKED_ON_CONTRADICTION);
        MatchReview again = pendingReviewOf(police.identity());
        assertThat(again.candidate()).isEqualTo(health.person());
        assertThat(again.identityPerson()).isEqualTo(updated.person());
    }

    @Test
    void theReviewQueueShowsTheCandidatesIdentityThatWasComparedNotItsOldest() {
        LocalDate born = birthday();
        NhsNumber hers = nhsNumber();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, hers), HEALTH_SYSTEM);
        var asTheSchoolKnowsHer = new Demographics("Lottie", "Green", born, Sex.FEMALE, "NS2 9XY", hers);
        assertThat(persons.resolve(SCHOOLS, localId(), asTheSchoolKnowsHer, SCHOOLS_SYSTEM)
                        .person())
                .isEqualTo(health.person());

        var misspelt = new Demographics("Lottie", "Gren", born, Sex.FEMALE, "NS2 9XY", null);
        Resolution police = persons.resolve(POLICE, localId(), misspelt, POLICE_SYSTEM);

        MatchReview review = pendingReviewOf(police.identity());
        assertThat(review.candidate()).isEqualTo(health.person());
        assertThat(review.candidateDemographics().givenName()).isEqualTo("Lottie");
        assertThat(review.candidateDemographics().familyName()).isEqualTo("Green");
    }

    @Test
    void answersThePersonsOfManyIdentitiesAtOnce() {
        LocalDate born = birthday();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, null), HEALTH_SYSTEM);
        Resolution school = persons.resolve(SCHOOLS, localId(), charlotte(born, null), SCHOOLS_SYSTEM);
        var brother = new Demographics("Harry", "Harrison", born.minusYears(3), Sex.MALE, "NS1 4AB", null);
        Resolution police = persons.resolve(POLICE, localId(), brother, POLICE_SYSTEM);

        assertThat(persons.personsOf(List.of(health.identity(), school.identity(), police.identity())))
                .containsOnly(
                        Map.entry(health.identity(), health.person()),
                        Map.entry(school.identity(), health.person()),
                        Map.entry(police.identity(), police.person()));
        assertThat(persons.personsOf(List.of())).isEmpty();
    }

    @Test
    void refusesADateOfBirthInTheFuture() {
        LocalDate tomorrow = LocalTime.today(clock.instant()).plusDays(1);
        String local = localId();

        assertThatThrownBy(() -> persons.resolve(POLICE, local, charlotte(tomorrow, null), POLICE_SYSTEM))
                .isInstanceOf(InvalidValue.class)
                .hasMessageNotContaining(tomorrow.toString());
        assertThat(jdbc.sql("SELECT count(*) FROM ingest.person_identity WHERE local_id = ?")
                        .param(local)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void acceptsABabyBornToday() {
        LocalDate today = LocalTime.today(clock.instant());

        // born today, like the quality test's youngest children: a family name its population never has
        Resolution baby = persons.resolve(
                HEALTH,
                localId(),
                new Demographics(null, "Featherstonehaugh", today, Sex.FEMALE, "NS1 4AB", null),
                HEALTH_SYSTEM);

        assertThat(baby.link()).isEqualTo(LinkKind.NEW_PERSON);
    }

    @Test
    void auditsIdentifiersButNeverNamesAddressesOrNhsNumbers() {
        LocalDate born = birthday();
        NhsNumber nhs = nhsNumber();
        Resolution health = persons.resolve(HEALTH, localId(), charlotte(born, nhs), HEALTH_SYSTEM);
        var misspelt = new Demographics("Charlote", "Harrison", born, Sex.FEMALE, "NS1 4AB", null);
        Resolution police = persons.resolve(POLICE, localId(), misspelt, POLICE_SYSTEM);

        List<AuditRow> audit = new ArrayList<>(audit(health.identity()));
        audit.addAll(audit(police.identity()));

        assertThat(audit).hasSize(2);
        assertThat(audit.getFirst().details())
                .contains(
                        "\"identityId\":\"" + pseudonyms.of(health.identity().toString()) + "\"",
                        "\"personId\":\"" + pseudonyms.of(health.person().toString()) + "\"");
        assertThat(audit.getLast().details())
                .contains(
                        "\"identityId\":\"" + pseudonyms.of(police.identity().toString()) + "\"",
                        "\"personId\":\"" + pseudonyms.of(police.person().toString()) + "\"",
                        "\"possibleMatchPersonIds\":[\""
                                + pseudonyms.of(health.person().toString()) + "\"]");
        assertThat(audit).extracting(AuditRow::details).allSatisfy(details -> assertThat(details)
                .doesNotContainIgnoringCase("charlot", "harrison")
                .doesNotContain("NS1", "NS14AB", nhs.value(), born.toString())
                .doesNotContain(health.identity().toString(), police.person().toString()));
    }

    @Test
    void twoAgenciesReportingTheSameNewChildAtOnceMakeOnePerson() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                LocalDate born = birthday();
                Demographics child = round % 2 == 0
                        ? charlotte(born, null)
                        : new Demographics("Charlotte", "Harrison", born, Sex.FEMALE, null, nhsNumber());
                var together = new CyclicBarrier(2);
                Future<Resolution> police = pool.submit(() -> {
                    together.await(5, TimeUnit.SECONDS);
                    return persons.resolve(POLICE, localId(), child, POLICE_SYSTEM);
                });
                Future<Resolution> health = pool.submit(() -> {
                    together.await(5, TimeUnit.SECONDS);
                    return persons.resolve(HEALTH, localId(), child, HEALTH_SYSTEM);
                });

                Resolution one = police.get(10, TimeUnit.SECONDS);
                Resolution other = health.get(10, TimeUnit.SECONDS);

                assertThat(one.person()).as("round %d", round).isEqualTo(other.person());
                assertThat(List.of(one.link(), other.link()))
                        .as("round %d", round)
                        .containsExactlyInAnyOrder(
                                LinkKind.NEW_PERSON,
                                child.nhsNumber() == null ? LinkKind.DEMOGRAPHIC : LinkKind.NHS_NUMBER);
                assertThat(personsBornOn(born)).as("round %d", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoAgenciesReportingOneNhsNumberWithDifferentDatesOfBirthAtOnceAreBothKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                NhsNumber nhs = nhsNumber();
                LocalDate born = birthday();
                Demographics right = charlotte(born, nhs);
                Demographics misdated = charlotte(birthday(), nhs);
                var together = new CyclicBarrier(2);
                Future<Resolution> police = pool.submit(() -> {
                    together.await(5, TimeUnit.SECONDS);
                    return persons.resolve(POLICE, localId(), misdated, POLICE_SYSTEM);
                });
                Future<Resolution> health = pool.submit(() -> {
                    together.await(5, TimeUnit.SECONDS);
                    return persons.resolve(HEALTH, localId(), right, HEALTH_SYSTEM);
                });

                Resolution one = police.get(10, TimeUnit.SECONDS);
                Resolution other = health.get(10, TimeUnit.SECONDS);

                Resolution first = one.possibleMatches().isEmpty() ? one : other;
                Resolution second = first == one ? other : one;
                assertThat(second.person()).as("round %d", round).isNotEqualTo(first.person());
                assertThat(second.possibleMatches())
                        .as("round %d: the later one waits for review", round)
                        .containsExactly(first.person());
                assertThat(jdbc.sql("SELECT count(*) FROM ingest.person WHERE nhs_number = ?")
                                .param(nhs.value())
                                .query(Long.class)
                                .single())
                        .as("round %d", round)
                        .isOne();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<PersonId, Long> personsBornOn(LocalDate born) {
        return jdbc.sql(
                        "SELECT person_id, count(*) AS n FROM ingest.person_identity WHERE date_of_birth = ? GROUP BY person_id")
                .param(born)
                .query(rs -> {
                    var found = new java.util.HashMap<PersonId, Long>();
                    while (rs.next()) {
                        found.put(new PersonId(rs.getObject("person_id", UUID.class)), rs.getLong("n"));
                    }
                    return found;
                });
    }
}
