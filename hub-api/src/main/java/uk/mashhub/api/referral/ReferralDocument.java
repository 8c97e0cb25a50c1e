package uk.mashhub.api.referral;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import uk.mashhub.api.person.PersonDocument;
import uk.mashhub.ingest.referral.ConcernCategory;
import uk.mashhub.ingest.referral.ConsentPosition;
import uk.mashhub.ingest.referral.PersonReport;
import uk.mashhub.ingest.referral.ReferralSubmission;
import uk.mashhub.ingest.referral.ReferrerContact;
import uk.mashhub.ingest.referral.Urgency;

/** A referral as an agency system posts it. */
record ReferralDocument(
        @Valid @NotNull PersonDocument subject,
        @Nullable @Size(max = 20) List<@Valid @NotNull PersonDocument> related,
        @NotEmpty Set<@NotNull ConcernCategory> concerns,
        @NotBlank @Size(max = 20_000) String narrative,
        @Valid @NotNull Consent consent,
        @NotNull Urgency urgency,
        @Valid @NotNull Referrer referrer) {

    ReferralDocument {
        // in the vocabulary's order, not a hash set's: the Idempotency-Key's request hash must be
        // the same for the same body on every instance and after a restart
        if (concerns != null && !concerns.contains(null)) {
            concerns = concerns.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(concerns));
        }
    }

    @ConsentStated
    record Consent(
            boolean sought,
            ConsentPosition.@Nullable Answer answer,
            @Nullable @Size(max = 1000) String reasonNotSought) {}

    record Referrer(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 200) String role,
            @Nullable @Size(max = 40) String phone,
            @Nullable @Email @Size(max = 200) String email) {}

    ReferralSubmission toSubmission() {
        List<PersonReport> relatedReports = new ArrayList<>();
        if (related != null) {
            for (int i = 0; i < related.size(); i++) {
                relatedReports.add(related.get(i).toReport());
            }
        }
        return new ReferralSubmission(
                subject.toReport(),
                relatedReports,
                concerns,
                narrative,
                new ConsentPosition(consent.sought(), consent.answer(), consent.reasonNotSought()),
                urgency,
                new ReferrerContact(referrer.name(), referrer.role(), referrer.phone(), referrer.email()));
    }
}
