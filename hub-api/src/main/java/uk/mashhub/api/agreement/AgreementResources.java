package uk.mashhub.api.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.mashhub.consent.agency.AgencyType;
import uk.mashhub.consent.agreement.AgreementStatus;
import uk.mashhub.consent.agreement.AgreementVersion;
import uk.mashhub.consent.agreement.Purpose;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.LocalTime;

/** How the API shows agreements. */
final class AgreementResources {

    private AgreementResources() {}

    record PartyResource(String agency, AgencyType type) {}

    record SignatureResource(
            String agency,
            String signatoryName,
            String signatoryRole,
            Instant signedAt,
            String termsDigest,
            boolean current) {}

    /** One version in full: its terms, signatures and status. */
    record VersionResource(
            String agreementId,
            int version,
            String title,
            AgreementStatus status,
            LocalDate validFrom,
            LocalDate validUntil,
            LocalDate reviewDate,
            List<PartyResource> parties,
            List<Purpose> purposes,
            String termsDigest,
            List<SignatureResource> signatures,
            List<String> awaitingSignature,
            Instant draftedAt,
            String draftedByAgency,
            @Nullable Instant activatedAt,
            @Nullable String statusReason) {

        static VersionResource of(AgreementVersion version, Instant now) {
            var terms = version.terms();
            return new VersionResource(
                    version.ref().id().toString(),
                    version.ref().version(),
                    terms.title(),
                    version.status(LocalTime.today(now)),
                    terms.validFrom(),
                    terms.validUntil(),
                    terms.reviewDate(),
                    terms.parties().stream()
                            .map(p -> new PartyResource(p.agency().value(), p.type()))
                            .toList(),
                    terms.purposes(),
                    version.termsDigest(),
                    version.signatures().stream()
                            .map(s -> new SignatureResource(
                                    s.agency().value(),
                                    s.signatoryName(),
                                    s.signatoryRole(),
                                    s.signedAt(),
                                    s.termsDigest(),
                                    s.termsDigest().equals(version.termsDigest())))
                            .toList(),
                    version.awaitingSignature().stream().map(AgencyId::value).toList(),
                    version.draftedAt(),
                    version.draftedBy().agency().value(),
                    version.activatedAt(),
                    version.statusReason());
        }
    }

    /** One version in brief, for lists. */
    record VersionSummary(
            String agreementId,
            int version,
            String title,
            AgreementStatus status,
            LocalDate validFrom,
            LocalDate validUntil,
            LocalDate reviewDate,
            List<String> awaitingSignature) {

        static VersionSummary of(AgreementVersion version, Instant now) {
            return new VersionSummary(
                    version.ref().id().toString(),
                    version.ref().version(),
                    version.terms().title(),
                    version.status(LocalTime.today(now)),
                    version.terms().validFrom(),
                    version.terms().validUntil(),
                    version.terms().reviewDate(),
                    version.awaitingSignature().stream().map(AgencyId::value).toList());
        }
    }

    record AgreementList(List<VersionSummary> agreements) {}

    record VersionList(String agreementId, List<VersionSummary> versions) {}
}
