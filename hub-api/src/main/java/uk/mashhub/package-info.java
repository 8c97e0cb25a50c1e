/**
 * The MASH Hub application. Each direct sub-package is an application module (see {@code
 * docs/architecture.md}): {@code kernel}, {@code audit}, {@code consent}, {@code ingest} and
 * {@code api}. Dependencies run one way: api → consent, ingest → audit → kernel.
 */
@NullMarked
package uk.mashhub;

import org.jspecify.annotations.NullMarked;
