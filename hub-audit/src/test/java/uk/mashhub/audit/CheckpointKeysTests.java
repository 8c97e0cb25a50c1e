package uk.mashhub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import mashhub.testsupport.InfrastructureInitializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every instance of a deployment signs checkpoints with one configured key: a key each instance made
 * for itself would leave its checkpoints untrusted wherever another instance verifies the chain, and a
 * checkpoint, once appended, stays for ever.
 */
class CheckpointKeysTests {

    private static ChainProperties keys(@Nullable String privateKey, @Nullable String publicKey, boolean madeAtStart) {
        return new ChainProperties(
                InfrastructureInitializer.TEST_PSEUDONYM_KEY,
                privateKey,
                publicKey,
                madeAtStart,
                1000,
                Duration.ofSeconds(60),
                2000,
                Duration.ofSeconds(10),
                List.of());
    }

    private static String base64(byte[] encoded) {
        return Base64.getEncoder().encodeToString(encoded);
    }

    @Test
    void refusesToStartWithoutAConfiguredKeyPairNamingTheSettings() {
        for (var unset : List.of(keys(null, null, false), keys("", " ", false))) {
            assertThatThrownBy(() -> new ChainConfiguration().checkpointSigner(unset))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("hub.audit.chain.checkpoint-private-key")
                    .hasMessageContaining("checkpoint-key-made-at-start");
        }
    }

    @Test
    void makesItsOwnKeyOnlyWhenToldItIsAloneOnALaptop() {
        CheckpointSigner own = new ChainConfiguration().checkpointSigner(keys(null, null, true));

        assertThat(own.keyId())
                .isNotEqualTo(new ChainConfiguration()
                        .checkpointSigner(keys(null, null, true))
                        .keyId());
    }

    @Test
    void signsWithTheConfiguredKeyPair() {
        CheckpointSigner configured = new ChainConfiguration()
                .checkpointSigner(keys(
                        InfrastructureInitializer.TEST_CHECKPOINT_PRIVATE_KEY,
                        InfrastructureInitializer.TEST_CHECKPOINT_PUBLIC_KEY,
                        false));

        assertThat(base64(configured.publicKey().getEncoded()))
                .isEqualTo(InfrastructureInitializer.TEST_CHECKPOINT_PUBLIC_KEY
                        .replaceAll("-----[A-Z ]+-----", "")
                        .replaceAll("\\s", ""));
    }

    @Test
    void refusesAPublicKeyThatIsNotThePrivateKeysOwn() throws Exception {
        KeyPair one = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair another = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        var mismatched = keys(
                base64(one.getPrivate().getEncoded()),
                base64(another.getPublic().getEncoded()),
                false);

        assertThatThrownBy(() -> new ChainConfiguration().checkpointSigner(mismatched))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hub.audit.chain.checkpoint-public-key is not the public key of checkpoint-private-key");
    }
}
