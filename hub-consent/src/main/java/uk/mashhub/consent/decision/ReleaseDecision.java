package uk.mashhub.consent.decision;

import java.util.List;
import org.jspecify.annotations.Nullable;
import uk.mashhub.consent.agreement.AgreementRef;
import uk.mashhub.consent.agreement.Flow;
import uk.mashhub.consent.consents.ConsentId;
import uk.mashhub.consent.override.OverrideId;
import uk.mashhub.kernel.PurposeCode;

/**
 * The hub's answer for one record: PERMIT with exactly the fields that may leave, or DENY with
 * every reason that applied. A permit names what it relied on: the agreement version, purpose and
 * flow, and the consent, override or break-glass.
 */
public record ReleaseDecision(
        boolean permitted,
        List<Reason> reasons,
        @Nullable AgreementRef agreement,
        PurposeCode purpose,
        @Nullable Flow flow,
        @Nullable LawfulGround ground,
        @Nullable ConsentId consent,
        @Nullable OverrideId override,
        List<String> releasedFields) {

    public ReleaseDecision {
        reasons = List.copyOf(reasons);
        releasedFields = List.copyOf(releasedFields);
        if (permitted && (!reasons.isEmpty() || releasedFields.isEmpty() || ground == null)) {
            throw new IllegalArgumentException(
                    "a permit names its ground and at least one field, and no reasons to deny");
        }
        if (!permitted && (reasons.isEmpty() || !releasedFields.isEmpty())) {
            throw new IllegalArgumentException("a denial names its reasons and releases nothing");
        }
    }

    /** The codes of the reasons, for machines and tests. */
    public List<DenialCode> codes() {
        return reasons.stream().map(Reason::code).toList();
    }

    /** A paragraph a person can read: what was released under what, or why nothing was. */
    public String explanation() {
        StringBuilder text = new StringBuilder();
        if (!permitted) {
            text.append("Not released.");
            reasons.forEach(reason -> text.append(' ').append(reason.sentence()));
            return text.toString();
        }
        text.append("Released ")
                .append(releasedFields.size())
                .append(releasedFields.size() == 1 ? " field" : " fields");
        if (ground == LawfulGround.BREAK_GLASS) {
            return text.append(" outside any agreement, under break-glass ")
                    .append(override)
                    .append(", which the data owner's Caldicott Guardian or DPO reviews.")
                    .toString();
        }
        text.append(" under agreement ").append(agreement).append(" for ").append(purpose);
        if (flow != null) {
            text.append(", flow ")
                    .append(flow.category())
                    .append(" from ")
                    .append(flow.provider())
                    .append(" to ")
                    .append(flow.recipient());
        }
        switch (ground) {
            case CONSENT -> text.append(", with consent ").append(consent).append('.');
            case OVERRIDE ->
                text.append(", without consent, on override ").append(override).append('.');
            case AGREEMENT -> text.append("; the purpose does not need consent.");
            case BREAK_GLASS -> throw new IllegalStateException("handled above");
            case null -> throw new IllegalStateException("a permit has a ground");
        }
        return text.toString();
    }
}
