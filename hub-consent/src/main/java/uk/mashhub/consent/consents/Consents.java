package uk.mashhub.consent.consents;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.mashhub.consent.agreement.ConsentForm;
import uk.mashhub.kernel.Actor;
import uk.mashhub.kernel.AgencyId;
import uk.mashhub.kernel.DataCategory;
import uk.mashhub.kernel.InvalidValue;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.PersonId;
import uk.mashhub.kernel.PurposeCode;

/**
 * The consent history of every person. Entries are appended, never changed (the table refuses
 * UPDATE and DELETE); each is audited in its transaction.
 */
@Component
@Transactional
public class Consents {

    private static final String COLUMNS = """
            id, person_id, status, given_by, giver_name, giver_relationship, purposes, every_party, recipients,
            categories, form_id, form_version, valid_from, valid_until, recorded_by_agency, recorded_by,
            recorded_at, withdraws""";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Consents(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    public Consent record(PersonId person, ConsentStatement statement, Actor by) {
        return append(person, statement, null, by);
    }

    /** Withdraws a GIVEN consent: a new WITHDRAWN entry with the same scope, from now on. */
    public Consent withdraw(
            PersonId person,
            ConsentId given,
            ConsentGiver withdrawnBy,
            @Nullable String giverName,
            @Nullable String giverRelationship,
            Actor by) {
        Consent original = history(person).stream()
                .filter(entry -> entry.id().equals(given))
                .findFirst()
                .orElseThrow(() -> new NotFound("consent"));
        if (original.status() != ConsentStatus.GIVEN) {
            throw new InvalidValue("consent to withdraw", "must be one that was given");
        }
        var withdrawal = new ConsentStatement(
                ConsentStatus.WITHDRAWN, withdrawnBy, giverName, giverRelationship, original.scope(), null, null, null);
        return append(person, withdrawal, given, by);
    }

    /** Every entry about the person, oldest first. */
    @Transactional(readOnly = true)
    public List<Consent> history(PersonId person) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM consent.consent_entry WHERE person_id = ? ORDER BY recorded_at, id")
                .param(person.value())
                .query(Consents::row)
                .list();
    }

    /** Every entry about any of the persons, oldest first per person, in one query. */
    @Transactional(readOnly = true)
    public Map<PersonId, List<Consent>> histories(Collection<PersonId> persons) {
        if (persons.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT " + COLUMNS
                        + " FROM consent.consent_entry WHERE person_id = ANY(?) ORDER BY recorded_at, id")
                .param(persons.stream().map(PersonId::value).distinct().toArray(UUID[]::new))
                .query(Consents::row)
                .list()
                .stream()
                .collect(Collectors.groupingBy(Consent::person, HashMap::new, Collectors.toList()));
    }

    private Consent append(PersonId person, ConsentStatement statement, @Nullable ConsentId withdraws, Actor by) {
        Instant now = clock.instant();
        Instant validFrom = statement.validFrom() == null ? now : statement.validFrom();
        if (statement.status() == ConsentStatus.WITHDRAWN && validFrom.isBefore(now)) {
            throw new InvalidValue("withdrawal", "takes effect from now, not from a past date");
        }
        var consent = new Consent(
                new ConsentId(UUID.randomUUID()),
                person,
                statement.status(),
                statement.givenBy(),
                statement.giverName(),
                statement.giverRelationship(),
                statement.scope(),
                statement.evidence(),
                validFrom,
                statement.validUntil(),
                by,
                now,
                withdraws);
        ConsentScope scope = consent.scope();
        jdbc.sql("INSERT INTO consent.consent_entry (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        consent.id().value(),
                        person.value(),
                        consent.status().name(),
                        consent.givenBy().name(),
                        consent.giverName(),
                        consent.giverRelationship(),
                        scope.purposes().stream()
                                .map(PurposeCode::value)
                                .sorted()
                                .toArray(String[]::new),
                        scope.everyParty(),
                        scope.recipients().stream()
                                .map(AgencyId::value)
                                .sorted()
                                .toArray(String[]::new),
                        scope.categories().stream().map(Enum::name).sorted().toArray(String[]::new),
                        consent.evidence() == null ? null : consent.evidence().formId(),
                        consent.evidence() == null ? null : consent.evidence().version(),
                        Timestamp.from(consent.validFrom()),
                        consent.validUntil() == null ? null : Timestamp.from(consent.validUntil()),
                        by.agency().value(),
                        by.subject(),
                        Timestamp.from(now),
                        withdraws == null ? null : withdraws.value())
                .update();
        events.publishEvent(new ConsentRecorded(consent));
        return consent;
    }

    private static Consent row(ResultSet rs, int rowNumber) throws SQLException {
        String formId = rs.getString("form_id");
        Timestamp validUntil = rs.getTimestamp("valid_until");
        UUID withdraws = rs.getObject("withdraws", UUID.class);
        return new Consent(
                new ConsentId(rs.getObject("id", UUID.class)),
                new PersonId(rs.getObject("person_id", UUID.class)),
                ConsentStatus.valueOf(rs.getString("status")),
                ConsentGiver.valueOf(rs.getString("given_by")),
                rs.getString("giver_name"),
                rs.getString("giver_relationship"),
                new ConsentScope(
                        strings(rs.getArray("purposes")).stream()
                                .map(PurposeCode::new)
                                .collect(Collectors.toSet()),
                        rs.getBoolean("every_party"),
                        strings(rs.getArray("recipients")).stream()
                                .map(AgencyId::new)
                                .collect(Collectors.toSet()),
                        strings(rs.getArray("categories")).stream()
                                .map(DataCategory::valueOf)
                                .collect(Collectors.toSet())),
                formId == null ? null : new ConsentForm(formId, rs.getString("form_version")),
                rs.getTimestamp("valid_from").toInstant(),
                validUntil == null ? null : validUntil.toInstant(),
                new Actor(new AgencyId(rs.getString("recorded_by_agency")), rs.getString("recorded_by")),
                rs.getTimestamp("recorded_at").toInstant(),
                withdraws == null ? null : new ConsentId(withdraws));
    }

    private static Set<String> strings(Array array) throws SQLException {
        return Set.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
