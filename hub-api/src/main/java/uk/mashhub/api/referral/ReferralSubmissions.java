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
 * response in one transaction, and releases the key if the work fails so the client can retry.
 * "The same request" means the same referral document, whatever its whitespace or field order.
 */
@Component
class ReferralSubmissions {

    private final Referrals referrals;
    private final IdempotencyKeys keys;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final JsonMapper canonical = JsonMapper.builder()
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
        StoredResponse earlier = keys.claim(caller.agency(), key, hash(document));
        if (earlier != null) {
            return new Answer(earlier, true);
        }
        try {
            StoredResponse created = transaction.execute(status -> {
                Referral referral = referrals.receive(document.toSubmission(), caller.actor());
                var response = new StoredResponse(
                        201,
                        "/api/referrals/" + referral.id(),
                        json.writeValueAsString(ReferralResource.of(referral, clock.instant())));
                keys.complete(caller.agency(), key, response);
                return response;
            });
            return new Answer(created, false);
        } catch (RuntimeException failure) {
            keys.release(caller.agency(), key);
            throw failure;
        }
    }

    private String hash(ReferralDocument document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(document));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
