/**
 * The auditor's view: a read model built only from the disclosure stream (so it can run as its own
 * deployment with its own database), the searches, subject reports, withholdings and exports
 * auditors run on it, and its reconciliation against the source log. See docs/audit.md.
 */
@NullMarked
@NamedInterface("reader")
package uk.mashhub.audit.reader;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
