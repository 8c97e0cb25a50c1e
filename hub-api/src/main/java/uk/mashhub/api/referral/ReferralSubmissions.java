package uk.mashhub.api.referral;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.api.security.HubCaller;
import uk.mashhub.ingest.referral.IdempotencyKeys;
import uk.mashhub.ingest.referral.IdempotencyKeys.StoredResponse;
import uk.mashhub.ingest.referral.Referral;
import uk.mashhub.ingest.referral.Referrals;

/**
 * Submits a referral under an Idempotency-Key: claims the key, creates the referral and stores the
 * response in one transaction; if the work fails, the claim rolls back with it and the client can
 * retry with the same key.
 * "The same request" means the same referral document, whatever its whitespace or field order.
 */
@Component
class ReferralSubmissions {

    private final Referrals referrals;
    private final IdempotencyKeys keys;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    private final Clock clock;

    ReferralSubmissions(
            Referrals referrals,
            IdempotencyKeys keys,
            PlatformTransactionManager transactions,
            JsonMapper json,
            Clock clock) {
        this.referrals = referrals;
        this.keys = keys;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
    }

    /** The response to send, and whether it is a replay of an earlier one. */
    record Answer(StoredResponse response, boolean replayed) {}

    Answer submit(String key, ReferralDocument document, HubCaller caller) {
        String requestHash = hash(document);
        return transaction.execute(status -> {
            StoredResponse earlier = keys.claim(caller.agency(), key, requestHash);
            if (earlier != null) {
                return new Answer(earlier, true);
            }
            Referral referral = referrals.receive(document.toSubmission(), caller.actor());
            var response = new StoredResponse(
                    201,
                    "/api/referrals/" + referral.id(),
                    json.writeValueAsString(ReferralResource.forReferrer(referral, clock.instant())));
            keys.complete(caller.agency(), key, response);
            return new Answer(response, false);
        });
    }

    /** The request's hash for its Idempotency-Key: SHA-256 of the body in one canonical encoding. */
    static String hash(ReferralDocument document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(document));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
