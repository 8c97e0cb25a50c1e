/**
 * The auditor's HTTP face ({@code hub.audit}): the disclosure log, subject reports, exports, the
 * read model's reconciliation and the verification of the audit chain — as API and as web pages
 * that ask the same services, so that a page's question is audited exactly as the API's is.
 */
@NullMarked
package uk.mashhub.api.audit;

import org.jspecify.annotations.NullMarked;
