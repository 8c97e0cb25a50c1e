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
 * an agency's submissions, inside the transaction of the work: the key is claimed under a
 * transaction-scoped lock of its own, so a duplicate sent while the first is being processed is
 * refused at once (409) instead of waiting; the claim, the work and the stored response commit
 * together, or roll back together (the key is then free for a retry); the same key with the same
 * request replays the stored response; with a different request it is refused (422). A claim
 * committed unfinished by an earlier version of the hub and abandoned for longer than a minute may
 * be taken over.
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

    /**
     * Claims the key for the caller's transaction; answers the stored response if the same request was
     * already completed, or null to go ahead (then {@link #complete} in the same transaction).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public @Nullable StoredResponse claim(AgencyId agency, String key, String requestHash) {
        Instant now = clock.instant();
        String lock = "idempotency:" + agency.value() + ":" + key;
        // the common case, a new key, in one statement: the key's lock taken and the claim inserted
        int claimed = jdbc.sql("""
                        INSERT INTO ingest.idempotency_key (agency_id, key, request_hash, state, created_at)
                        SELECT ?, ?, ?, 'IN_PROGRESS', ? WHERE pg_try_advisory_xact_lock(hashtextextended(?, 0))
                        ON CONFLICT DO NOTHING""")
                .params(agency.value(), key, requestHash, Timestamp.from(now), lock)
                .update();
        if (claimed == 1) {
            return null;
        }
        boolean mine = Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")
                .param(lock)
                .query(Boolean.class)
                .single());
        if (!mine) {
            throw inProgress();
        }
        // the lock is ours: this statement sees whatever the transaction that held it committed
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
                .optional();
        if (existing.isEmpty()) {
            // the transaction that held the key rolled back: the key is free
            jdbc.sql("""
                            INSERT INTO ingest.idempotency_key (agency_id, key, request_hash, state, created_at)
                            VALUES (?, ?, ?, 'IN_PROGRESS', ?)""")
                    .params(agency.value(), key, requestHash, Timestamp.from(now))
                    .update();
            return null;
        }
        Object[] found = existing.get();
        if (!found[0].equals(requestHash)) {
            throw new HubProblem(
                    ReferralProblems.KEY_REUSED,
                    "This Idempotency-Key was first used with a different request; use a new key for a new request.");
        }
        if (found[1].equals("DONE")) {
            return (StoredResponse) found[3];
        }
        if (((Instant) found[2]).isAfter(now.minus(ABANDONED))) {
            throw inProgress();
        }
        jdbc.sql("UPDATE ingest.idempotency_key SET created_at = ? WHERE agency_id = ? AND key = ?")
                .params(Timestamp.from(now), agency.value(), key)
                .update();
        return null;
    }

    private static HubProblem inProgress() {
        return new HubProblem(
                ReferralProblems.KEY_IN_PROGRESS,
                "The first request with this Idempotency-Key is still being processed; retry shortly.");
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
}
