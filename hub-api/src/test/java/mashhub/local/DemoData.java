package mashhub.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mashhub.testsupport.identity.DemoPartnership;
import mashhub.testsupport.identity.LocalIdentityProvider;
import mashhub.testsupport.identity.Tokens;
import uk.mashhub.kernel.HubScope;

/**
 * Loads the demo partnership through the hub's own API, as information governance officers would:
 * registers the four Northshire agencies, then drafts, signs (each party for itself) and activates
 * the worked-example agreement of docs/agreements.md. Loading twice changes nothing.
 */
final class DemoData {

    static final String AGREEMENT = "demo/northshire-safeguarding-agreement.json";

    private static final Map<String, String> SIGNATORIES = Map.of(
            DemoPartnership.POLICE, "Chief Constable Alys Morgan",
            DemoPartnership.CHILDRENS_SOCIAL_CARE, "Director of Children's Services Ben Okafor",
            DemoPartnership.HEALTH, "Caldicott Guardian Gwen Guardian",
            DemoPartnership.EDUCATION, "Director of Education Sam Patel");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String hub;
    private final LocalIdentityProvider idp;

    DemoData(String hub, LocalIdentityProvider idp) {
        this.hub = hub;
        this.idp = idp;
    }

    /** Loads what is missing; answers the agreement version's path. */
    String load() {
        for (var agency : DemoPartnership.AGENCIES) {
            var response =
                    send("POST", "/api/agencies", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), """
                    {"id": "%s", "name": "%s", "type": "%s"}""".formatted(
                                    agency.id(), agency.name(), agency.type()));
            expect(response, 201, 409);
        }
        String document = example();
        String existing = existingAgreement();
        if (existing != null) {
            return existing;
        }
        var drafted = send("POST", "/api/agreements", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), document);
        expect(drafted, 201);
        String version = drafted.headers().firstValue("Location").orElseThrow();
        for (var signatory : SIGNATORIES.entrySet()) {
            expect(
                    send("POST", version + "/signatures", governance(signatory.getKey()), """
                    {"signatoryName": "%s", "signatoryRole": "Signs for %s"}""".formatted(
                                    signatory.getValue(), signatory.getKey())),
                    201);
        }
        expect(send("POST", version + "/activation", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), ""), 200);
        return version;
    }

    private String existingAgreement() {
        var list = send("GET", "/api/agreements", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), null);
        expect(list, 200);
        var agreements = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(list.body())
                .get("agreements");
        for (var agreement : agreements) {
            if (agreement.get("title").asString().startsWith("Northshire Safeguarding Children Partnership")) {
                return "/api/agreements/" + agreement.get("agreementId").asString() + "/versions/"
                        + agreement.get("version").asInt();
            }
        }
        return null;
    }

    private String governance(String agency) {
        return Tokens.signed(
                idp.signingKey(),
                Tokens.claims(idp.issuer(), agency, HubScope.GOVERN)
                        .subject("demo-loader")
                        .build());
    }

    private static String example() {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(AGREEMENT)) {
            if (in == null) {
                throw new IllegalStateException(AGREEMENT + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        var request = HttpRequest.newBuilder(URI.create(hub + path)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException("demo data: " + response.request().method() + " "
                + response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
    }
}
