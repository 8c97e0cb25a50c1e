package uk.mashhub.consent.override;

/** Sharing without consent under an agreement, or an emergency outside any agreement. */
public enum OverrideKind {
    /** Under an agreement whose purpose allows sharing without consent on a recorded justification. */
    OVERRIDE,
    /** Emergency sharing outside any agreement: time-boxed, always reviewed by the data owner's Caldicott Guardian or DPO. */
    BREAK_GLASS
}
