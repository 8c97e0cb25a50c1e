/**
 * The HTTP face of the hub: the REST API, security (OAuth2 resource server), the one error
 * vocabulary (RFC 9457 problem details), OpenAPI and operational endpoints.
 *
 * <p>It owns no tables. It translates HTTP into calls on the feature modules' public APIs and
 * their answers back into HTTP; rules of the domain live in the modules, never here. Nothing
 * depends on it.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {
            "kernel",
            "audit",
            "audit :: reader",
            "consent",
            "consent :: agency",
            "consent :: agreement",
            "consent :: consents",
            "consent :: override",
            "consent :: decision",
            "ingest",
            "ingest :: person",
            "ingest :: referral",
            "ingest :: record",
            "ingest :: signal"
        })
package uk.mashhub.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
