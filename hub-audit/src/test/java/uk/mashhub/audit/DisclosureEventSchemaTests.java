package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The published schema describes every event type it lists: each type has its details defined and
 * is tied to them, once. (The stream tests validate real events against it; this holds the schema
 * itself together, so a type added to the list cannot go out without its details.)
 */
class DisclosureEventSchemaTests {

    private static JsonNode schema() throws Exception {
        try (InputStream in = AuditChain.class.getResourceAsStream("/audit/disclosure-event-v1.schema.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyListedEventTypeHasItsDetailsDefinedAndTiedToThemOnce() throws Exception {
        JsonNode schema = schema();
        List<String> listed = new ArrayList<>();
        schema.at("/$defs/event/properties/type/enum").forEach(type -> listed.add(type.asString()));
        Set<String> defined = new TreeSet<>(schema.at("/$defs/details").propertyNames());
        List<String> tied = new ArrayList<>();
        List<String> misdirected = new ArrayList<>();
        for (JsonNode rule : schema.at("/$defs/event/allOf")) {
            String type = rule.at("/if/properties/type/const").asString();
            tied.add(type);
            if (!rule.at("/then/properties/details/$ref").asString().equals("#/$defs/details/" + type)) {
                misdirected.add(type);
            }
        }

        assertThat(listed).doesNotHaveDuplicates().hasSizeGreaterThan(30);
        assertThat(defined).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(tied).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(listed);
        assertThat(misdirected).isEmpty();
    }
}
