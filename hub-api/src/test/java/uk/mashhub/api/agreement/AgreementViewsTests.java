package uk.mashhub.api.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.mashhub.api.agreement.AgreementViews.Actions;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.consent.agency.AgencyType;
import uk.mashhub.consent.agreement.AgreementId;
import uk.mashhub.consent.agreement.AgreementTerms;
import uk.mashhub.consent.agreement.AgreementVersion;
import uk.mashhub.consent.agreement.ConsentMode;
import uk.mashhub.consent.agreement.Flow;
import uk.mashhub.consent.agreement.LawfulBasis;
import uk.mashhub.consent.agreement.Party;
import uk.mashhub.consent.agreement.PartySelector;
import uk.mashhub.consent.agreement.Purpose;
import uk.mashhub.consent.agreement.Signature;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.HubScope;
import uk.mashhub.kernel.PurposeCode;

/** What the agreement page offers to whom (the browser tests have no person who reviews without governing). */
class AgreementViewsTests {

    private static final AgencyId CHILDRENS = new AgencyId("northshire-childrens-services");
    private static final AgencyId HEALTH = new AgencyId("northshire-health");
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final AgreementVersion draft = AgreementVersion.draft(
            AgreementId.random(),
            new AgreementTerms(
                    "Northshire health and children's services ISA",
                    List.of(
                            new Party(CHILDRENS, AgencyType.CHILDRENS_SOCIAL_CARE),
                            new Party(HEALTH, AgencyType.HEALTH)),
                    LocalDate.of(2026, 1, 1),
                    LocalDate.of(2030, 12, 31),
                    LocalDate.of(2027, 12, 1),
                    List.of(new Purpose(
                            new PurposeCode("SAFEGUARDING_CHILDREN"),
                            LawfulBasis.ART_6_1_E_PUBLIC_TASK,
                            null,
                            List.of("Children Act 1989 s47"),
                            ConsentMode.NOT_REQUIRED,
                            false,
                            List.of(),
                            List.of(new Flow(
                                    PartySelector.agency(HEALTH),
                                    PartySelector.type(AgencyType.CHILDRENS_SOCIAL_CARE),
                                    DataCategory.HEALTH_SUMMARY,
                                    List.of("gpPractice"),
                                    false,
                                    30))))),
            "digest",
            new Actor(HEALTH, "drafter"),
            NOW);

    private static HubCaller at(AgencyId agency, HubScope... scopes) {
        return new HubCaller(agency, "someone", Set.of(scopes));
    }

    private AgreementVersion signedByBoth() {
        return draft.signed(signature(CHILDRENS)).signed(signature(HEALTH));
    }

    private static Signature signature(AgencyId agency) {
        return new Signature(agency, "An officer", "Director", "someone", NOW, "digest");
    }

    @Test
    void aReviewerWithoutTheGovernanceScopeReadsOnly() {
        HubCaller reviewer = at(HEALTH, HubScope.REVIEW);

        assertThat(Actions.of(draft, reviewer).any()).isFalse();
        assertThat(Actions.of(signedByBoth().activated(NOW), reviewer).any()).isFalse();
    }

    @Test
    void offersSigningOnlyToAPartyThatHasNotSignedYet() {
        var signedByChildrens = draft.signed(signature(CHILDRENS));

        assertThat(Actions.of(signedByChildrens, at(CHILDRENS, HubScope.GOVERN)))
                .isEqualTo(new Actions(false, false, false, false, false));
        assertThat(Actions.of(signedByChildrens, at(HEALTH, HubScope.GOVERN)))
                .isEqualTo(new Actions(true, false, false, false, false));
    }

    @Test
    void offersActivationOnceEveryPartyHasSigned() {
        assertThat(Actions.of(signedByBoth(), at(CHILDRENS, HubScope.GOVERN)))
                .isEqualTo(new Actions(false, true, false, false, false));
    }

    @Test
    void offersSuspendingAndTerminatingAnActiveAgreementAndResumingASuspendedOne() {
        var active = signedByBoth().activated(NOW);

        assertThat(Actions.of(active, at(CHILDRENS, HubScope.GOVERN)))
                .isEqualTo(new Actions(false, false, true, false, true));
        assertThat(Actions.of(active.suspended(NOW, "concern"), at(CHILDRENS, HubScope.GOVERN)))
                .isEqualTo(new Actions(false, false, false, true, true));
        assertThat(Actions.of(active.terminated(NOW, "ended"), at(CHILDRENS, HubScope.GOVERN))
                        .any())
                .isFalse();
    }
}
