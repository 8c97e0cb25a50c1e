package uk.mashhub.api.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import uk.mashhub.kernel.HubProblem;
import uk.mashhub.kernel.InvalidValue;

/**
 * What agencies send is refused, as it is read, when it holds a value the hub will not keep: text
 * holding the NUL character (U+0000), which PostgreSQL cannot store, and a date or time outside the
 * years 1 to 9999 (the hub's rule: ISO 8601's four-digit years, which its queries and exports
 * assume). Without this such a value got as far as the database and came back as a misleading
 * conflict or a 500; now it is a 400 naming the field. It applies to what comes in — request
 * bodies ({@link #configureMessageConverters}) and the lines of a bulk upload or of the inbound records topic
 * ({@link #inbound}) — and to every string in them, those of free-form record fields included; the
 * hub's own stored data is read with mappers that do not check (ADR 0020).
 */
@Configuration(proxyBeanMethods = false)
public class StorableValues implements WebMvcConfigurer {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** The mapper for what agencies send: the application's, refusing values the hub will not keep. */
    public static JsonMapper inbound(JsonMapper application) {
        return application.rebuild().addModule(new Checks()).build();
    }

    private final JsonMapper application;

    StorableValues(JsonMapper application) {
        this.application = application;
    }

    /**
     * Request bodies are read with the inbound mapper: it takes the JSON converter's place among
     * Spring MVC's converters (after Spring Boot's configuration put the application's there);
     * responses are written as before.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.withJsonConverter(new JacksonJsonHttpMessageConverter(inbound(application)));
    }

    /** A value refused as it was read: the rule it broke, and where. */
    public static final class Unstorable extends HubProblem {

        private final String rule;

        Unstorable(String what, String field, String rule) {
            super(InvalidValue.TYPE, "The " + what + " of '" + field + "' " + rule + ".");
            this.rule = rule;
        }

        /** The rule alone, for reports that name the field beside it. */
        public String rule() {
            return rule;
        }
    }

    private static final class Checks extends SimpleModule {

        Checks() {
            super("storable-values");
            setDeserializerModifier(new ValueDeserializerModifier() {
                @Override
                public ValueDeserializer<?> modifyDeserializer(
                        DeserializationConfig config,
                        BeanDescription.Supplier description,
                        ValueDeserializer<?> found) {
                    Class<?> type = description.getBeanClass();
                    return type == String.class || isDateOrTime(type) ? new Checked(found) : found;
                }
            });
        }
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

    private static void check(Object value, JsonParser parser) {
        switch (value) {
            case String text
            when text.indexOf('\0') >= 0 ->
                throw new Unstorable("text", field(parser), "must not hold the NUL character (U+0000)");
            case Instant instant -> within(instant, parser);
            case OffsetDateTime time -> within(time.toInstant(), parser);
            case ZonedDateTime time -> within(time.toInstant(), parser);
            case LocalDateTime time -> within(time.toInstant(ZoneOffset.UTC), parser);
            case LocalDate date -> within(date.atStartOfDay().toInstant(ZoneOffset.UTC), parser);
            case null, default -> {}
        }
    }

    /** Whether the instant lies between the years 1 and 9999, the hub's range for dates and times. */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    private static void within(Instant instant, JsonParser parser) {
        if (!inRange(instant)) {
            throw new Unstorable("date or time", field(parser), "must lie between the years 1 and 9999");
        }
    }

    /** The field being read, named as the hub names fields in problems ({@code related[0].givenName}). */
    private static String field(JsonParser parser) {
        List<Object> segments = new ArrayList<>();
        for (TokenStreamContext at = parser.streamReadContext(); at != null; at = at.getParent()) {
            if (at.inArray()) {
                segments.addFirst(at.getCurrentIndex());
            } else if (at.currentName() != null) {
                segments.addFirst(at.currentName());
            }
        }
        String field = ReadFailures.field(segments);
        return field.isEmpty() ? "body" : field;
    }
}
