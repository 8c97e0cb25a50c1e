package uk.mashhub.api.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import uk.mashhub.kernel.InvalidValue;

/**
 * Refuses, as it is read, a JSON value the hub could accept but PostgreSQL cannot keep: text holding
 * the NUL character (U+0000), and dates and times outside the years 1 to 9999. Without this such a
 * value got as far as the database and came back as a misleading conflict or a 500; now it is a 400
 * naming the field. It applies wherever the hub reads JSON with its mapper: request bodies, the lines
 * of a bulk upload, the inbound records topic. (Free-form record fields are read as untyped maps; a
 * NUL there is refused by the database, which {@link ProblemResponses} answers as a value it cannot
 * store.)
 */
@Component
class StorableValues extends SimpleModule {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    StorableValues() {
        super("storable-values");
        setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription.Supplier description, ValueDeserializer<?> found) {
                Class<?> type = description.getBeanClass();
                return type == String.class || isDateOrTime(type) ? new Checked(found) : found;
            }
        });
    }

    private static boolean isDateOrTime(Class<?> type) {
        return type == Instant.class
                || type == LocalDate.class
                || type == LocalDateTime.class
                || type == OffsetDateTime.class
                || type == ZonedDateTime.class;
    }

    /** Jackson's own deserializer, with the value checked after it is read. */
    private static final class Checked extends DelegatingDeserializer {

        Checked(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Checked(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            Object value = super.deserialize(parser, context);
            check(value, parser);
            return value;
        }
    }

    static void check(Object value, JsonParser parser) {
        switch (value) {
            case String text
            when text.indexOf('\0') >= 0 ->
                throw new InvalidValue("text of '" + field(parser) + "'", "must not hold the NUL character (U+0000)");
            case Instant instant -> within(instant, parser);
            case OffsetDateTime time -> within(time.toInstant(), parser);
            case ZonedDateTime time -> within(time.toInstant(), parser);
            case LocalDateTime time -> within(time.toInstant(ZoneOffset.UTC), parser);
            case LocalDate date -> within(date.atStartOfDay().toInstant(ZoneOffset.UTC), parser);
            case null, default -> {}
        }
    }

    private static void within(Instant instant, JsonParser parser) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidValue("date or time of '" + field(parser) + "'", "must lie between the years 1 and 9999");
        }
    }

    /** The field being read, as the hub names fields in problems ({@code subject.givenName}, {@code parties[1]}). */
    private static String field(JsonParser parser) {
        StringBuilder path = new StringBuilder();
        for (TokenStreamContext at = parser.streamReadContext(); at != null; at = at.getParent()) {
            if (at.inArray()) {
                path.insert(0, "[" + at.getCurrentIndex() + "]");
            } else if (at.currentName() != null) {
                path.insert(0, (path.isEmpty() || path.charAt(0) == '[' ? "" : "."))
                        .insert(0, at.currentName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
