package uk.mashhub.consent.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.mashhub.consent.Northshire.CHILDRENS;
import static uk.mashhub.consent.Northshire.EDUCATION;
import static uk.mashhub.consent.Northshire.HEALTH;
import static uk.mashhub.consent.Northshire.HOUSING;
import static uk.mashhub.consent.Northshire.POLICE;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mashhub.testsupport.DatabaseOwner;
import mashhub.testsupport.Partnership;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.mashhub.consent.ConsentIntegrationTest;
import uk.mashhub.consent.Northshire;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.LocalTime;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.ProblemType;

@ConsentIntegrationTest
class SharingAgreementsIntegrationTests {

    private static final List<AgencyId> PARTIES = List.of(POLICE, CHILDRENS, HEALTH, EDUCATION);

    private final SharingAgreements agreements;
    private final JdbcClient jdbc;

    SharingAgreementsIntegrationTests(@Autowired SharingAgreements agreements, @Autowired JdbcClient jdbc) {
        this.agreements = agreements;
        this.jdbc = jdbc;
    }

    @BeforeEach
    void partnership() {
        Partnership.register(jdbc);
    }

    private static AgreementDraft draft(String title) {
        AgreementTerms terms = Northshire.terms(true);
        return new AgreementDraft(
                title, PARTIES, terms.validFrom(), terms.validUntil(), terms.reviewDate(), terms.purposes());
    }

    private static Actor governance(AgencyId agency) {
        return new Actor(agency, "governance@" + agency);
    }

    private AgreementVersion drafted() {
        return agreements.draft(draft("Northshire ISA " + System.nanoTime()), governance(CHILDRENS));
    }

    private AgreementVersion signedByAll(AgreementVersion version) {
        AgreementVersion signed = version;
        for (AgencyId party : PARTIES) {
            signed = agreements.sign(
                    version.ref(),
                    new SharingAgreements.Signing("Officer of " + party, "Director", null, null),
                    governance(party));
        }
        return signed;
    }

    private long audited(AgreementRef ref, String type) {
        return jdbc.sql("SELECT count(*) FROM audit.audit_event WHERE type = ? AND details->>'agreementId' = ? "
                        + "AND (details->>'agreementVersion')::int = ?")
                .params(type, ref.id().toString(), ref.version())
                .query(Long.class)
                .single();
    }

    private static void assertProblem(Runnable action, ProblemType type) {
        assertThatThrownBy(action::run)
                .isInstanceOf(HubProblem.class)
                .satisfies(problem -> assertThat(((HubProblem) problem).type()).isEqualTo(type));
    }

    @Test
    void draftsSignsAndActivatesOnceEveryPartyHasSigned() {
        AgreementVersion version = signedByAll(drafted());

        AgreementVersion active = agreements.activate(version.ref(), governance(POLICE));

        assertThat(active.status(LocalTime.today(Northshire.activeAgreement().draftedAt())))
                .isEqualTo(AgreementStatus.ACTIVE);
        assertThat(agreements.version(version.ref(), HEALTH)).hasValueSatisfying(stored -> {
            assertThat(stored.storedStatus()).isEqualTo(AgreementStatus.ACTIVE);
            assertThat(stored.currentSignatures())
                    .extracting(Signature::agency)
                    .containsExactlyInAnyOrderElementsOf(PARTIES);
            assertThat(stored.terms()).isEqualTo(version.terms());
        });
        assertThat(audited(version.ref(), "AgreementDrafted")).isEqualTo(1);
        assertThat(audited(version.ref(), "AgreementSigned")).isEqualTo(4);
        assertThat(audited(version.ref(), "AgreementActivated")).isEqualTo(1);
    }

    @Test
    void refusesToActivateBeforeEveryPartyHasSigned() {
        AgreementVersion version = drafted();
        agreements.sign(
                version.ref(),
                new SharingAgreements.Signing("A. Officer", "Chief Constable", null, null),
                governance(POLICE));

        assertProblem(
                () -> agreements.activate(version.ref(), governance(POLICE)), AgreementProblems.SIGNATURES_MISSING);
        assertThat(agreements.version(version.ref(), POLICE).orElseThrow().storedStatus())
                .isEqualTo(AgreementStatus.DRAFT);
        assertThat(audited(version.ref(), "AgreementActivated")).isZero();
    }

    @Test
    void refusesASecondSignatureFromTheSameAgency() {
        AgreementVersion version = drafted();
        var signing = new SharingAgreements.Signing("A. Officer", "Chief Constable", null, null);
        agreements.sign(version.ref(), signing, governance(POLICE));

        assertProblem(
                () -> agreements.sign(version.ref(), signing, governance(POLICE)), AgreementProblems.ALREADY_SIGNED);
        assertThat(agreements.version(version.ref(), POLICE).orElseThrow().signatures())
                .hasSize(1);
    }

    @Test
    void twoSimultaneousSignaturesFromOneAgencyLeaveOne() throws Exception {
        AgreementVersion version = drafted();
        var signing = new SharingAgreements.Signing("A. Officer", "Chief Constable", null, null);

        List<Object> outcomes = concurrently(8, i -> () -> agreements.sign(version.ref(), signing, governance(POLICE)));

        assertThat(outcomes).filteredOn(AgreementVersion.class::isInstance).hasSize(1);
        assertThat(outcomes)
                .filteredOn(HubProblem.class::isInstance)
                .allSatisfy(problem ->
                        assertThat(((HubProblem) problem).type()).isEqualTo(AgreementProblems.ALREADY_SIGNED))
                .hasSize(7);
        assertThat(agreements.version(version.ref(), POLICE).orElseThrow().signatures())
                .hasSize(1);
        assertThat(audited(version.ref(), "AgreementSigned")).isEqualTo(1);
    }

    @Test
    void anAgencySignsOnlyForItself() {
        AgreementVersion version = drafted();

        assertProblem(
                () -> agreements.sign(
                        version.ref(),
                        new SharingAgreements.Signing("A. Officer", "Director", HEALTH, null),
                        governance(POLICE)),
                AgreementProblems.SIGNING_FOR_ANOTHER_AGENCY);
        assertThat(agreements.version(version.ref(), POLICE).orElseThrow().signatures())
                .isEmpty();
    }

    @Test
    void anAgencyThatIsNotAPartyCannotSeeOrSignTheAgreement() {
        AgreementVersion version = drafted();

        assertThat(agreements.version(version.ref(), HOUSING)).isEmpty();
        assertThat(agreements.agreementsOf(HOUSING)).noneMatch(v -> v.ref().equals(version.ref()));
        assertThatThrownBy(() -> agreements.sign(
                        version.ref(),
                        new SharingAgreements.Signing("H. Officer", "Director", null, null),
                        governance(HOUSING)))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void anAgencyDraftsOnlyAgreementsItIsPartyTo() {
        assertProblem(() -> agreements.draft(draft("Not ours"), governance(HOUSING)), AgreementProblems.NOT_A_PARTY);
    }

    @Test
    void editingADraftAfterSignaturesAsksEveryPartyToSignTheNewText() {
        AgreementVersion version = drafted();
        agreements.sign(
                version.ref(),
                new SharingAgreements.Signing("A. Officer", "Chief Constable", null, null),
                governance(POLICE));
        AgreementTerms terms = version.terms();

        AgreementVersion edited = agreements.edit(
                version.ref(),
                new AgreementDraft(
                        terms.title() + " (corrected)",
                        PARTIES,
                        terms.validFrom(),
                        terms.validUntil(),
                        terms.reviewDate(),
                        terms.purposes()),
                governance(CHILDRENS));

        assertThat(edited.termsDigest()).isNotEqualTo(version.termsDigest());
        assertThat(edited.awaitingSignature()).containsExactlyInAnyOrderElementsOf(PARTIES);
        assertProblem(
                () -> agreements.sign(
                        version.ref(),
                        new SharingAgreements.Signing("B. Officer", "Director", null, version.termsDigest()),
                        governance(HEALTH)),
                AgreementProblems.STATE_CONFLICT);
    }

    @Test
    void suspendsResumesAndTerminatesAnActiveAgreement() {
        AgreementVersion version = signedByAll(drafted());
        agreements.activate(version.ref(), governance(CHILDRENS));

        assertThat(agreements
                        .suspend(version.ref(), "Data breach under investigation", governance(HEALTH))
                        .storedStatus())
                .isEqualTo(AgreementStatus.SUSPENDED);
        assertProblem(
                () -> agreements.suspend(version.ref(), "again", governance(HEALTH)), AgreementProblems.STATE_CONFLICT);
        assertThat(agreements.resume(version.ref(), governance(HEALTH)).storedStatus())
                .isEqualTo(AgreementStatus.ACTIVE);
        assertThat(agreements
                        .terminate(version.ref(), "Partnership dissolved", governance(POLICE))
                        .storedStatus())
                .isEqualTo(AgreementStatus.TERMINATED);
        assertProblem(() -> agreements.resume(version.ref(), governance(POLICE)), AgreementProblems.STATE_CONFLICT);
        assertThat(audited(version.ref(), "AgreementSuspended")).isEqualTo(1);
        assertThat(audited(version.ref(), "AgreementResumed")).isEqualTo(1);
        assertThat(audited(version.ref(), "AgreementTerminated")).isEqualTo(1);
    }

    @Test
    void amendingMakesANewVersionAndActivatingItSupersedesTheOldWhichStaysReadable() {
        AgreementVersion first = signedByAll(drafted());
        agreements.activate(first.ref(), governance(CHILDRENS));

        AgreementVersion second = agreements.amend(first.ref().id(), governance(EDUCATION));
        assertProblem(
                () -> agreements.amend(first.ref().id(), governance(EDUCATION)), AgreementProblems.DRAFT_ALREADY_OPEN);
        signedByAll(second);
        agreements.activate(second.ref(), governance(EDUCATION));

        List<AgreementVersion> versions = agreements.versions(first.ref().id(), POLICE);
        assertThat(versions).extracting(v -> v.ref().version()).containsExactly(1, 2);
        assertThat(versions)
                .extracting(AgreementVersion::storedStatus)
                .containsExactly(AgreementStatus.SUPERSEDED, AgreementStatus.ACTIVE);
        assertThat(agreements.live())
                .extracting(AgreementVersion::ref)
                .contains(second.ref())
                .doesNotContain(first.ref());
        assertThat(audited(first.ref(), "AgreementSuperseded")).isEqualTo(1);
    }

    @Test
    void liveVersionsCarryTheirTermsAndCurrentStatusEveryTimeTheyAreRead() {
        AgreementVersion version = signedByAll(drafted());
        agreements.activate(version.ref(), governance(CHILDRENS));

        AgreementVersion first = live(version.ref());
        agreements.suspend(version.ref(), "Concern raised", governance(HEALTH));
        AgreementVersion again = live(version.ref()); // its terms are known by digest now: not sent again

        assertThat(first.storedStatus()).isEqualTo(AgreementStatus.ACTIVE);
        assertThat(again.storedStatus()).isEqualTo(AgreementStatus.SUSPENDED);
        assertThat(again.terms()).isEqualTo(first.terms()).isEqualTo(version.terms());
        assertThat(again.termsDigest()).isEqualTo(version.termsDigest());
    }

    private AgreementVersion live(AgreementRef ref) {
        return agreements.live().stream()
                .filter(live -> live.ref().equals(ref))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void simultaneousActivateAndSuspendCallsEndInAStateSomeSerialOrderExplains() throws Exception {
        AgreementVersion version = signedByAll(drafted());

        List<Object> outcomes = concurrently(
                10,
                i -> i % 2 == 0
                        ? () -> agreements.activate(version.ref(), governance(POLICE))
                        : () -> agreements.suspend(version.ref(), "Concern raised", governance(HEALTH)));

        long succeeded =
                outcomes.stream().filter(AgreementVersion.class::isInstance).count();
        assertThat(outcomes)
                .filteredOn(outcome -> !(outcome instanceof AgreementVersion))
                .allSatisfy(problem ->
                        assertThat(((HubProblem) problem).type()).isEqualTo(AgreementProblems.STATE_CONFLICT));
        long activations = audited(version.ref(), "AgreementActivated");
        long suspensions = audited(version.ref(), "AgreementSuspended");
        assertThat(activations).isEqualTo(1);
        assertThat(suspensions).isLessThanOrEqualTo(1);
        assertThat(succeeded).isEqualTo(activations + suspensions);
        assertThat(agreements.version(version.ref(), POLICE).orElseThrow().storedStatus())
                .isEqualTo(suspensions == 1 ? AgreementStatus.SUSPENDED : AgreementStatus.ACTIVE);
    }

    @Test
    void aChangeWhoseAuditCannotBeWrittenDoesNotHappen() {
        String title = "Never audited " + System.nanoTime();
        var owner = DatabaseOwner.jdbc(); // the hub's own role may not touch the audit schema
        owner.sql("""
                CREATE OR REPLACE FUNCTION audit.fail_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$""").update();
        owner.sql(
                        "CREATE TRIGGER fail_for_test BEFORE INSERT ON audit.audit_event FOR EACH ROW EXECUTE FUNCTION audit.fail_for_test()")
                .update();
        try {
            assertThatThrownBy(() -> agreements.draft(draft(title), governance(CHILDRENS)));
        } finally {
            owner.sql("DROP TRIGGER fail_for_test ON audit.audit_event").update();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM consent.agreement_version WHERE title = ?")
                        .param(title)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static List<Object> concurrently(int count, java.util.function.IntFunction<Callable<?>> work)
            throws Exception {
        var start = new CountDownLatch(1);
        try (var executor = Executors.newFixedThreadPool(count)) {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Callable<?> task = work.apply(i);
                futures.add(executor.submit(() -> {
                    start.await();
                    try {
                        return task.call();
                    } catch (HubProblem problem) {
                        return problem;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        }
    }
}
