package uk.mashhub.kernel;

/**
 * One kind of problem the hub reports, with a stable identifier, a fixed title and the HTTP status
 * it maps to. Clients branch on {@link #slug()}; it never changes once published.
 *
 * @param slug stable, lower-case, hyphenated name; the problem's {@code type} is {@code
 *     /problems/{slug}}
 * @param title fixed human-readable summary, the same for every occurrence
 * @param status the HTTP status code used when the problem is reported over HTTP
 */
public record ProblemType(String slug, String title, int status) {

    public ProblemType {
        if (slug == null || !slug.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("problem slug must be lower-case and hyphenated");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("problem title must not be blank");
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status must be a 4xx or 5xx code");
        }
    }
}
