package uk.mashhub.api.referral;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import uk.mashhub.api.problem.StorableValues;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.ingest.referral.Referrals;
import uk.mashhub.kernel.ReferralId;

/** The triage queue's keyset cursor as an opaque text: the last line's deadline and id. */
final class QueueCursors {

    private QueueCursors() {}

    static String after(Referral last) {
        String text = (last.deadline() == null ? "" : last.deadline().toString()) + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the text is not a cursor this hub wrote. */
    static Optional<Referrals.QueueCursor> read(String encoded) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|", 2);
            Instant deadline = parts[0].isEmpty() ? null : Instant.parse(parts[0]);
            if (deadline != null && !StorableValues.inRange(deadline)) {
                return Optional.empty(); // never a deadline the hub wrote
            }
            return Optional.of(new Referrals.QueueCursor(deadline, new ReferralId(UUID.fromString(parts[1]))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
