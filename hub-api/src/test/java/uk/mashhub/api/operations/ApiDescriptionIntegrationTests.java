package uk.mashhub.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import mashhub.testsupport.Http;
import mashhub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

@HubIntegrationTest
class ApiDescriptionIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void publishesAnOpenApi31DocumentWithTheOAuth2SchemeWithoutAToken() {
        var response = new Http(port).get("/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = Http.json(response);
        assertThat(api.get("openapi").asString()).startsWith("3.1");
        assertThat(api.at("/components/securitySchemes/hub-oauth2/type").asString())
                .isEqualTo("oauth2");
        assertThat(api.at("/components/securitySchemes/hub-oauth2/flows/clientCredentials/tokenUrl")
                        .asString())
                .endsWith("/oauth2/token");
        assertThat(api.get("paths").propertyNames()).contains("/api/agencies", "/api/agencies/{agencyId}");
    }

    @Test
    void anchorsEveryPatternItPublishes() {
        // JSON Schema's pattern matches anywhere in a value unless anchored: a client validating
        // against "[A-Z][A-Z0-9_]{1,63}" would accept "x EARLY_HELP x", which the hub refuses
        List<String> patterns = new ArrayList<>();
        Http.json(new Http(port).get("/v3/api-docs", null))
                .findValues("pattern")
                .forEach(pattern -> {
                    if (pattern.isString()) {
                        patterns.add(pattern.asString());
                    }
                });

        assertThat(patterns).as("patterns published").hasSizeGreaterThan(10);
        assertThat(patterns)
                .allSatisfy(pattern -> assertThat(pattern).startsWith("^").endsWith("$"));
    }

    @Test
    void namesEveryTypeOfTheApiOnce(
            @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        // the document names a schema by its type's simple name: two types with one name would
        // be described as one, and one of them wrongly
        Map<String, Set<Class<?>>> byName = new TreeMap<>();
        mappings.getHandlerMethods().forEach((mapping, method) -> {
            if (method.getBeanType().isAnnotationPresent(RestController.class)) {
                Set<Class<?>> types = new HashSet<>();
                for (MethodParameter parameter : method.getMethodParameters()) {
                    if (parameter.hasParameterAnnotation(RequestBody.class)) {
                        collect(parameter.getGenericParameterType(), types);
                    }
                }
                collect(method.getReturnType().getGenericParameterType(), types);
                types.forEach(type -> byName.computeIfAbsent(type.getSimpleName(), name -> new HashSet<>())
                        .add(type));
            }
        });

        assertThat(byName).hasSizeGreaterThan(40).containsKeys("ReferralResource", "AuditReceipt", "DataCategory");
        assertThat(byName.entrySet())
                .filteredOn(named -> named.getValue().size() > 1)
                .as("types of the API that share a name")
                .isEmpty();
    }

    /** The hub's own types {@code type} is made of: its record components, type arguments, array items. */
    private static void collect(Type type, Set<Class<?>> found) {
        switch (type) {
            case ParameterizedType generic -> {
                collect(generic.getRawType(), found);
                for (Type argument : generic.getActualTypeArguments()) {
                    collect(argument, found);
                }
            }
            case GenericArrayType array -> collect(array.getGenericComponentType(), found);
            case Class<?> plain when plain.isArray() -> collect(plain.getComponentType(), found);
            case Class<?> plain
            when plain.getName().startsWith("uk.mashhub.") && found.add(plain) -> {
                if (plain.isRecord()) {
                    for (RecordComponent component : plain.getRecordComponents()) {
                        collect(component.getGenericType(), found);
                    }
                }
            }
            default -> {}
        }
    }

    @Test
    void describesTheApiOnlyNotThePagesOrTheErrorDispatch() {
        JsonNode paths = Http.json(new Http(port).get("/v3/api-docs", null)).get("paths");

        assertThat(paths.propertyNames()).isNotEmpty().allMatch(path -> path.startsWith("/api/"));
    }
}
