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
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import uk.mashhub.kernel.HubScope;

/**
 * Loads the demo partnership through the hub's own API, as information governance officers would:
 * registers the four Northshire agencies, then drafts, signs (each party for itself) and activates
 * the worked-example agreement of docs/agreements.md. Loading twice changes nothing.
 */
public final class DemoData {

    static final String AGREEMENT = "demo/northshire-safeguarding-agreement.json";

    private static final Map<String, String> SIGNATORIES = Map.of(
            DemoPartnership.POLICE, "Chief Constable Alys Morgan",
            DemoPartnership.CHILDRENS_SOCIAL_CARE, "Director of Children's Services Ben Okafor",
            DemoPartnership.HEALTH, "Caldicott Guardian Gwen Guardian",
            DemoPartnership.EDUCATION, "Director of Education Sam Patel");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String hub;
    private final LocalIdentityProvider idp;

    public DemoData(String hub, LocalIdentityProvider idp) {
        this.hub = hub;
        this.idp = idp;
    }

    /** Loads what is missing; answers the agreement version's path. */
    public String load() {
        for (var agency : DemoPartnership.AGENCIES) {
            var response =
                    send("POST", "/api/agencies", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), """
                    {"id": "%s", "name": "%s", "type": "%s"}""".formatted(
                                    agency.id(), agency.name(), agency.type()));
            expect(response, 201, 409);
        }
        String document = example();
        String title = JSON.readTree(document).get("title").asString();
        String version = existingAgreement(title);
        if (version == null) {
            var drafted = send("POST", "/api/agreements", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), document);
            expect(drafted, 201);
            version = drafted.headers().firstValue("Location").orElseThrow();
        }
        // sign what is not signed yet and activate: a load interrupted half-way is finished, not repeated
        var current = JSON.readTree(send("GET", version, governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), null)
                .body());
        for (var awaiting : current.get("awaitingSignature")) {
            String party = awaiting.asString();
            expect(
                    send("POST", version + "/signatures", governance(party), """
                    {"signatoryName": "%s", "signatoryRole": "Signs for %s"}""".formatted(
                                    SIGNATORIES.get(party), party)),
                    201);
        }
        if (current.get("status").asString().equals("DRAFT")) {
            expect(send("POST", version + "/activation", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), ""), 200);
        }
        return version;
    }

    private @Nullable String existingAgreement(String title) {
        var list = send("GET", "/api/agreements", governance(DemoPartnership.CHILDRENS_SOCIAL_CARE), null);
        expect(list, 200);
        for (var agreement : JSON.readTree(list.body()).get("agreements")) {
            if (agreement.get("title").asString().equals(title)) {
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

    private HttpResponse<String> send(String method, String path, String token, @Nullable String body) {
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
