package uk.mashhub.ingest.referral;

/** What the MASH decided. */
public enum Outcome {
    STATUTORY_ASSESSMENT,
    EARLY_HELP,
    NO_FURTHER_ACTION,
    SIGNPOST
}
