/**
 * The local identity provider: a real OAuth2 / OpenID Connect authorization server (Spring
 * Security's) that issues RS256-signed JWTs for the demo partnership. It serves the local run and
 * the integration tests; it is never part of the production jar.
 */
@NullMarked
package mashhub.testsupport.identity;

import org.jspecify.annotations.NullMarked;
