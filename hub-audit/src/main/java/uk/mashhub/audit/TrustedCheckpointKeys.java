package uk.mashhub.audit;

import java.security.PublicKey;
import java.util.List;

/**
 * The keys whose checkpoints this hub accepts: the key it signs with now, then those that signed
 * earlier checkpoints of the chain ({@code hub.audit.chain.previous-checkpoint-public-keys}).
 */
record TrustedCheckpointKeys(List<PublicKey> keys) {}
