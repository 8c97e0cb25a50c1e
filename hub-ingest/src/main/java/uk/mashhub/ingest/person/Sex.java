package uk.mashhub.ingest.person;

/** Sex as agencies record it for matching; UNKNOWN never conflicts and never confirms. */
public enum Sex {
    FEMALE,
    MALE,
    UNKNOWN
}
