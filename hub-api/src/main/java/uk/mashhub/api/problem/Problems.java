package uk.mashhub.api.problem;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.ProblemDetail;
import uk.mashhub.kernel.NotFound;
import uk.mashhub.kernel.ProblemType;

/**
 * The problem types of the HTTP layer, and how any {@link ProblemType} becomes an RFC 9457
 * problem: {@code type} is {@code urn:mash-hub:problem:<slug>}, {@code title} the type's fixed
 * title, {@code instance} a fresh {@code urn:uuid:} naming this one occurrence (it is logged with
 * every server-side failure). Clients branch on {@code type}; {@code detail} is for people.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:mash-hub:problem:";

    public static final ProblemType INVALID_REQUEST =
            new ProblemType("invalid-request", "The request is not valid", 400);
    public static final ProblemType MALFORMED_BODY =
            new ProblemType("malformed-body", "The request body could not be read", 400);
    public static final ProblemType UNAUTHENTICATED =
            new ProblemType("unauthenticated", "Authentication required", 401);
    public static final ProblemType INVALID_TOKEN =
            new ProblemType("invalid-token", "The bearer token was not accepted", 401);
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Not allowed", 403);
    public static final ProblemType METHOD_NOT_ALLOWED =
            new ProblemType("method-not-allowed", "Method not allowed", 405);
    public static final ProblemType NOT_ACCEPTABLE =
            new ProblemType("not-acceptable", "No acceptable representation", 406);
    public static final ProblemType CONFLICT =
            new ProblemType("conflict", "The request conflicts with the current state", 409);
    public static final ProblemType PAYLOAD_TOO_LARGE =
            new ProblemType("payload-too-large", "The request body is too large", 413);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported-media-type", "Unsupported media type", 415);
    public static final ProblemType SERVICE_UNAVAILABLE =
            new ProblemType("service-unavailable", "Temporarily unavailable", 503);
    public static final ProblemType INTERNAL_ERROR =
            new ProblemType("internal-error", "Something went wrong in the hub", 500);

    private Problems() {}

    /**
     * The problem for a status the servlet container set on its own (its error dispatch, or a
     * request it refused before the hub saw it): it knows nothing more than the status.
     */
    public static ProblemDetail forStatus(int status) {
        return switch (status) {
            case 400 -> of(INVALID_REQUEST, "The request is not valid.");
            case 401 -> of(UNAUTHENTICATED, "A valid bearer token is required.");
            case 403 -> of(FORBIDDEN, "Your token does not allow this request.");
            case 404 -> of(NotFound.TYPE, "There is nothing at this address.");
            case 405 -> of(METHOD_NOT_ALLOWED, "This address does not support that method.");
            case 413 -> ProblemResponses.tooLarge();
            case 415 -> of(UNSUPPORTED_MEDIA_TYPE, "The body's media type is not supported here.");
            case 503 -> of(SERVICE_UNAVAILABLE, "The hub is temporarily unavailable. Try again shortly.");
            default ->
                status >= 400 && status < 500
                        ? clientError(status)
                        : of(INTERNAL_ERROR, "The hub could not complete the request.");
        };
    }

    /** A 4xx the hub has no more specific type for. */
    public static ProblemDetail clientError(int status) {
        return of(
                new ProblemType("client-error", "The request cannot be processed", status),
                "The request cannot be processed.");
    }

    /** The problem detail for {@code type} with a detail sentence that is safe to show any agency. */
    public static ProblemDetail of(ProblemType type, String safeDetail) {
        var problem = ProblemDetail.forStatus(type.status());
        problem.setType(URI.create(TYPE_PREFIX + type.slug()));
        problem.setTitle(type.title());
        problem.setDetail(safeDetail);
        // An id for this one occurrence, to quote to the hub's operators. Never the request path:
        // a path can carry what the caller sent.
        problem.setInstance(URI.create("urn:uuid:" + UUID.randomUUID()));
        return problem;
    }
}
