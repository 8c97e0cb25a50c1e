package uk.mashhub.consent.agreement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;

/** Agreement versions and their signatures in {@code consent.agreement_version} and friends. */
@Repository
class StoredAgreements {

    private static final String COLUMNS = """
            agreement_id, version, status, terms, terms_digest, drafted_by_agency, drafted_by, drafted_at,
            activated_at, status_changed_at, status_reason""";

    /** The live versions; their terms only where the digest is not among the parameter's. */
    private static final String LIVE_LEAVING_OUT_KNOWN_TERMS = """
            SELECT agreement_id, version, status, CASE WHEN terms_digest = ANY(?) THEN NULL ELSE terms END AS terms,
                   terms_digest, drafted_by_agency, drafted_by, drafted_at, activated_at, status_changed_at, status_reason
              FROM consent.agreement_version WHERE status IN ('ACTIVE', 'SUSPENDED') ORDER BY agreement_id""";

    private static final int MAX_CACHED_TERMS = 256;

    private final JdbcClient jdbc;
    private final TermsDocument documents;
    private final Map<String, AgreementTerms> parsedTerms = new java.util.concurrent.ConcurrentHashMap<>();
    /** The terms of the versions the last {@link #live()} returned, by digest. */
    private volatile Map<String, AgreementTerms> liveTerms = Map.of();

    StoredAgreements(JdbcClient jdbc, TermsDocument documents) {
        this.jdbc = jdbc;
        this.documents = documents;
    }

    void insert(AgreementVersion version) {
        jdbc.sql("INSERT INTO consent.agreement_version (" + COLUMNS + """
                        , title, valid_from, valid_until, review_date)
                        VALUES (:id, :version, :status, CAST(:terms AS jsonb), :digest, :draftedByAgency, :draftedBy,
                                :draftedAt, :activatedAt, :statusChangedAt, :statusReason,
                                :title, :validFrom, :validUntil, :reviewDate)""")
                .paramSource(parameters(version))
                .update();
        replaceParties(version);
    }

    void update(AgreementVersion version) {
        jdbc.sql("""
                        UPDATE consent.agreement_version
                           SET status = :status, terms = CAST(:terms AS jsonb), terms_digest = :digest,
                               activated_at = :activatedAt, status_changed_at = :statusChangedAt,
                               status_reason = :statusReason, title = :title, valid_from = :validFrom,
                               valid_until = :validUntil, review_date = :reviewDate
                         WHERE agreement_id = :id AND version = :version""").paramSource(parameters(version)).update();
        replaceParties(version);
    }

    void insertSignature(AgreementRef ref, Signature signature) {
        jdbc.sql("""
                        INSERT INTO consent.agreement_signature
                          (agreement_id, version, agency_id, signatory_name, signatory_role, signed_by, signed_at, terms_digest)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        ref.id().value(),
                        ref.version(),
                        signature.agency().value(),
                        signature.signatoryName(),
                        signature.signatoryRole(),
                        signature.signedBy(),
                        Timestamp.from(signature.signedAt()),
                        signature.termsDigest())
                .update();
    }

    /** Every version of the agreement, oldest first, locked until the transaction ends. */
    List<AgreementVersion> lockAll(AgreementId id) {
        return withSignatures(jdbc.sql("SELECT " + COLUMNS
                        + " FROM consent.agreement_version WHERE agreement_id = ? ORDER BY version FOR UPDATE")
                .param(id.value())
                .query(this::row)
                .list());
    }

    List<AgreementVersion> versions(AgreementId id) {
        return withSignatures(jdbc.sql(
                        "SELECT " + COLUMNS + " FROM consent.agreement_version WHERE agreement_id = ? ORDER BY version")
                .param(id.value())
                .query(this::row)
                .list());
    }

    Optional<AgreementVersion> find(AgreementRef ref) {
        return withSignatures(jdbc.sql("SELECT " + COLUMNS
                                + " FROM consent.agreement_version WHERE agreement_id = ? AND version = ?")
                        .params(ref.id().value(), ref.version())
                        .query(this::row)
                        .list())
                .stream()
                .findFirst();
    }

    /** The newest version of every agreement the agency is party to. */
    List<AgreementVersion> latestFor(AgencyId agency) {
        return withSignatures(jdbc.sql("SELECT " + COLUMNS + """
                         FROM consent.agreement_version v
                        WHERE v.version = (SELECT max(w.version) FROM consent.agreement_version w
                                            WHERE w.agreement_id = v.agreement_id)
                          AND EXISTS (SELECT 1 FROM consent.agreement_party p
                                       WHERE p.agreement_id = v.agreement_id AND p.version = v.version
                                         AND p.agency_id = ?)
                        ORDER BY v.drafted_at""")
                .param(agency.value())
                .query(this::row)
                .list());
    }

    /**
     * Every version that is or was in force and not ended: ACTIVE or SUSPENDED (whatever its
     * dates), without their signatures: what release decisions need, in one query. The terms, most
     * of each row, are sent only for digests the previous call saw (PostgreSQL rendered them as text
     * for every release: its costliest read of a release, docs/benchmarks.md); a digest is a hash of
     * its terms, so the ones kept from that call are the ones left out.
     */
    List<AgreementVersion> live() {
        Map<String, AgreementTerms> known = liveTerms;
        Map<String, AgreementTerms> seen = new HashMap<>();
        List<AgreementVersion> versions = jdbc.sql(LIVE_LEAVING_OUT_KNOWN_TERMS)
                .param(known.keySet().toArray(String[]::new))
                .query((rs, rowNumber) -> {
                    String digest = rs.getString("terms_digest");
                    String document = rs.getString("terms");
                    AgreementTerms terms =
                            document == null ? Objects.requireNonNull(known.get(digest)) : terms(digest, document);
                    seen.put(digest, terms);
                    return row(rs, terms);
                })
                .list();
        liveTerms = Map.copyOf(seen);
        return versions;
    }

    private void replaceParties(AgreementVersion version) {
        jdbc.sql("DELETE FROM consent.agreement_party WHERE agreement_id = ? AND version = ?")
                .params(version.ref().id().value(), version.ref().version())
                .update();
        for (Party party : version.terms().parties()) {
            jdbc.sql("INSERT INTO consent.agreement_party (agreement_id, version, agency_id) VALUES (?, ?, ?)")
                    .params(
                            version.ref().id().value(),
                            version.ref().version(),
                            party.agency().value())
                    .update();
        }
    }

    private Map<String, @Nullable Object> parameters(AgreementVersion version) {
        Map<String, @Nullable Object> parameters = new HashMap<>();
        parameters.put("id", version.ref().id().value());
        parameters.put("version", version.ref().version());
        parameters.put("status", version.storedStatus().name());
        parameters.put("terms", documents.write(version.terms()));
        parameters.put("digest", version.termsDigest());
        parameters.put("draftedByAgency", version.draftedBy().agency().value());
        parameters.put("draftedBy", version.draftedBy().subject());
        parameters.put("draftedAt", Timestamp.from(version.draftedAt()));
        parameters.put("activatedAt", timestamp(version.activatedAt()));
        parameters.put("statusChangedAt", Timestamp.from(version.statusChangedAt()));
        parameters.put("statusReason", version.statusReason());
        parameters.put("title", version.terms().title());
        parameters.put("validFrom", version.terms().validFrom());
        parameters.put("validUntil", version.terms().validUntil());
        parameters.put("reviewDate", version.terms().reviewDate());
        return parameters;
    }

    /**
     * Terms parsed once per digest: a version's terms never change under the same digest, and
     * every release decision reads the live agreements.
     */
    private AgreementTerms terms(String digest, String document) {
        AgreementTerms cached = parsedTerms.get(digest);
        if (cached != null) {
            return cached;
        }
        AgreementTerms parsed = documents.read(document);
        if (parsedTerms.size() >= MAX_CACHED_TERMS) {
            parsedTerms.clear();
        }
        parsedTerms.put(digest, parsed);
        return parsed;
    }

    private AgreementVersion row(ResultSet rs, int rowNumber) throws SQLException {
        return row(rs, terms(rs.getString("terms_digest"), rs.getString("terms")));
    }

    private static AgreementVersion row(ResultSet rs, AgreementTerms terms) throws SQLException {
        return new AgreementVersion(
                new AgreementRef(new AgreementId(rs.getObject("agreement_id", UUID.class)), rs.getInt("version")),
                AgreementStatus.valueOf(rs.getString("status")),
                terms,
                rs.getString("terms_digest"),
                List.of(),
                new Actor(new AgencyId(rs.getString("drafted_by_agency")), rs.getString("drafted_by")),
                rs.getTimestamp("drafted_at").toInstant(),
                instant(rs.getTimestamp("activated_at")),
                rs.getTimestamp("status_changed_at").toInstant(),
                rs.getString("status_reason"));
    }

    /** Adds signatures to the versions with one query, whatever their number. */
    private List<AgreementVersion> withSignatures(List<AgreementVersion> versions) {
        if (versions.isEmpty()) {
            return versions;
        }
        Collection<UUID> ids =
                versions.stream().map(v -> v.ref().id().value()).distinct().toList();
        Map<AgreementRef, List<Signature>> signatures = new HashMap<>();
        jdbc.sql("""
                        SELECT agreement_id, version, agency_id, signatory_name, signatory_role, signed_by, signed_at, terms_digest
                          FROM consent.agreement_signature WHERE agreement_id = ANY(?) ORDER BY signed_at""").param(ids.toArray(UUID[]::new)).query(rs -> {
            var ref = new AgreementRef(new AgreementId(rs.getObject("agreement_id", UUID.class)), rs.getInt("version"));
            signatures
                    .computeIfAbsent(ref, key -> new ArrayList<>())
                    .add(new Signature(
                            new AgencyId(rs.getString("agency_id")),
                            rs.getString("signatory_name"),
                            rs.getString("signatory_role"),
                            rs.getString("signed_by"),
                            rs.getTimestamp("signed_at").toInstant(),
                            rs.getString("terms_digest")));
        });
        return versions.stream()
                .map(v -> new AgreementVersion(
                        v.ref(),
                        v.storedStatus(),
                        v.terms(),
                        v.termsDigest(),
                        signatures.getOrDefault(v.ref(), List.of()),
                        v.draftedBy(),
                        v.draftedAt(),
                        v.activatedAt(),
                        v.statusChangedAt(),
                        v.statusReason()))
                .toList();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
