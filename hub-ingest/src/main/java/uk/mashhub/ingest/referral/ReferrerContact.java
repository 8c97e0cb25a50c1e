package uk.mashhub.ingest.referral;

import org.jspecify.annotations.Nullable;

/** Who made the referral and how to reach them. */
public record ReferrerContact(
        String name,
        String role,
        @Nullable String phone,
        @Nullable String email) {}
