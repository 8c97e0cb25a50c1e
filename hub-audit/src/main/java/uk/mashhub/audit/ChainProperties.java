package uk.mashhub.audit;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the audit chain pseudonymises and signs.
 *
 * @param pseudonymKey base64 key (at least 32 bytes) of the keyed hash that replaces person
 *     identifiers in audit events; it stays in the hub
 * @param checkpointPrivateKey Ed25519 private key, PKCS#8 PEM, that signs checkpoints; required,
 *     the same for every instance of a deployment (each instance's own key would make its
 *     checkpoints untrusted wherever another instance verifies the chain)
 * @param checkpointPublicKey the matching public key, X.509 PEM
 * @param checkpointKeyMadeAtStart without a configured key, let the instance make its own key pair
 *     when it starts — for one instance on a laptop only; false by default
 * @param checkpointEveryEvents sign a checkpoint whenever the chain passes a multiple of this
 * @param checkpointEvery and at least this often while events arrive
 * @param groupCommitMaxEvents at most this many events in one group commit (a caller with more
 *     is committed alone)
 * @param groupCommitTimeout how long a caller waits for its group commit before it is refused
 * @param previousCheckpointPublicKeys public keys (X.509 PEM) that signed earlier checkpoints of
 *     this chain — after the signing key is replaced, verification still trusts them
 */
@ConfigurationProperties("hub.audit.chain")
record ChainProperties(
        String pseudonymKey,
        @Nullable String checkpointPrivateKey,
        @Nullable String checkpointPublicKey,
        @DefaultValue("false") boolean checkpointKeyMadeAtStart,
        @DefaultValue("1000") int checkpointEveryEvents,
        @DefaultValue("60s") Duration checkpointEvery,
        @DefaultValue("2000") int groupCommitMaxEvents,
        @DefaultValue("10s") Duration groupCommitTimeout,
        @DefaultValue List<String> previousCheckpointPublicKeys) {

    ChainProperties {
        // an empty environment variable is no key
        checkpointPrivateKey =
                checkpointPrivateKey == null || checkpointPrivateKey.isBlank() ? null : checkpointPrivateKey;
        checkpointPublicKey = checkpointPublicKey == null || checkpointPublicKey.isBlank() ? null : checkpointPublicKey;
        if (pseudonymKey == null || pseudonymKey.isBlank()) {
            throw new IllegalArgumentException(
                    "hub.audit.chain.pseudonym-key is required: a base64 key of at least 32 bytes");
        }
        if (checkpointEveryEvents < 1 || checkpointEvery.isNegative() || checkpointEvery.isZero()) {
            throw new IllegalArgumentException("hub.audit.chain checkpoint intervals must be positive");
        }
        if (groupCommitMaxEvents < 1 || groupCommitTimeout.isNegative() || groupCommitTimeout.isZero()) {
            throw new IllegalArgumentException("hub.audit.chain group-commit limits must be positive");
        }
        if ((checkpointPrivateKey == null) != (checkpointPublicKey == null)) {
            throw new IllegalArgumentException(
                    "hub.audit.chain.checkpoint-private-key and checkpoint-public-key go together");
        }
    }
}
