package uk.mashhub.consent.agreement;

import java.time.Instant;
import uk.mashhub.kernel.AgencyId;

/**
 * One party's signature on one text of an agreement version. It names the digest of the terms
 * signed: editing a draft after signatures leaves them standing for the old text only.
 *
 * @param signatoryName who signed for the agency (a named officer)
 * @param signatoryRole in what capacity (say, "Director of Children's Services")
 * @param signedBy the token subject that recorded the signature
 */
public record Signature(
        AgencyId agency,
        String signatoryName,
        String signatoryRole,
        String signedBy,
        Instant signedAt,
        String termsDigest) {}
