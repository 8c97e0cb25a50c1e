/** The one error vocabulary: every error leaves the hub as an RFC 9457 problem with a stable type. */
@NullMarked
package uk.mashhub.api.problem;

import org.jspecify.annotations.NullMarked;
