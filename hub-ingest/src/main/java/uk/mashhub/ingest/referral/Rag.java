package uk.mashhub.ingest.referral;

/** The MASH rating of a referral; BLUE means not shared, so it has no decision deadline. */
public enum Rag {
    RED,
    AMBER,
    GREEN,
    BLUE
}
