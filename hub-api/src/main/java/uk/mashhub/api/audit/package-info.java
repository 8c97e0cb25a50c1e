/** The auditor's HTTP face ({@code hub.audit}): verification of the audit chain. */
@NullMarked
package uk.mashhub.api.audit;

import org.jspecify.annotations.NullMarked;
