/** Who is calling: bearer-token validation, the caller's agency and scopes, and the 401/403 answers. */
@NullMarked
package uk.mashhub.api.security;

import org.jspecify.annotations.NullMarked;
