package uk.mashhub.ingest.referral;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.HubProblem;

/**
 * The Idempotency-Key semantics of the IETF draft (draft-ietf-httpapi-idempotency-key-header) for
 * an agency's submissions: a key is claimed before the work (and committed at once, so a duplicate
 * sent meanwhile sees it in progress: 409); the work and the stored response commit together;
 * the same key with the same request replays the stored response; with a different request it is
 * refused (422). A claim abandoned for longer than a minute (the process died) may be taken over.
 */
@Component
public class IdempotencyKeys {

    private static final Duration ABANDONED = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A response stored for replay. */
    public record StoredResponse(int status, @Nullable String location, String body) {}

    /** Claims the key; answers the stored response if the same request was already completed, or null to go ahead. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public @Nullable StoredResponse claim(AgencyId agency, String key, String requestHash) {
        Instant now = clock.instant();
        int claimed = jdbc.sql("""
                        INSERT INTO ingest.idempotency_key (agency_id, key, request_hash, state, created_at)
                        VALUES (?, ?, ?, 'IN_PROGRESS', ?) ON CONFLICT DO NOTHING""")
                .params(agency.value(), key, requestHash, Timestamp.from(now))
                .update();
        if (claimed == 1) {
            return null;
        }
        var existing = jdbc.sql("""
                        SELECT request_hash, state, created_at, response_status, response_location, response_body
                          FROM ingest.idempotency_key WHERE agency_id = ? AND key = ? FOR UPDATE""")
                .params(agency.value(), key)
                .query((rs, n) -> new Object[] {
                    rs.getString("request_hash"),
                    rs.getString("state"),
                    rs.getTimestamp("created_at").toInstant(),
                    new StoredResponse(
                            rs.getInt("response_status"),
                            rs.getString("response_location"),
                            rs.getString("response_body") == null ? "" : rs.getString("response_body"))
                })
                .single();
        if (!existing[0].equals(requestHash)) {
            throw new HubProblem(
                    ReferralProblems.KEY_REUSED,
                    "This Idempotency-Key was first used with a different request; use a new key for a new request.");
        }
        if (existing[1].equals("DONE")) {
            return (StoredResponse) existing[3];
        }
        if (((Instant) existing[2]).isAfter(now.minus(ABANDONED))) {
            throw new HubProblem(
                    ReferralProblems.KEY_IN_PROGRESS,
                    "The first request with this Idempotency-Key is still being processed; retry shortly.");
        }
        jdbc.sql("UPDATE ingest.idempotency_key SET created_at = ? WHERE agency_id = ? AND key = ?")
                .params(Timestamp.from(now), agency.value(), key)
                .update();
        return null;
    }

    /** Stores the response: call inside the transaction of the work, so both commit or neither. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void complete(AgencyId agency, String key, StoredResponse response) {
        jdbc.sql("""
                        UPDATE ingest.idempotency_key SET state = 'DONE', response_status = ?, response_location = ?,
                               response_body = ?, completed_at = ? WHERE agency_id = ? AND key = ?""")
                .params(
                        response.status(),
                        response.location(),
                        response.body(),
                        Timestamp.from(clock.instant()),
                        agency.value(),
                        key)
                .update();
    }

    /** Releases a claim whose work failed, so the client may retry with the same key. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void release(AgencyId agency, String key) {
        jdbc.sql("DELETE FROM ingest.idempotency_key WHERE agency_id = ? AND key = ? AND state = 'IN_PROGRESS'")
                .params(agency.value(), key)
                .update();
    }
}
