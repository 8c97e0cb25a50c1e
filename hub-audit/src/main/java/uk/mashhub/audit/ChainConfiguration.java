package uk.mashhub.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The keys of the audit chain: the pseudonym key and the checkpoint signing key. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ChainProperties.class, RelayProperties.class})
class ChainConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChainConfiguration.class);

    @Bean
    Pseudonyms pseudonyms(ChainProperties properties) {
        return Pseudonyms.fromBase64(properties.pseudonymKey());
    }

    @Bean
    CheckpointSigner checkpointSigner(ChainProperties properties) {
        if (properties.checkpointPrivateKey() == null || properties.checkpointPublicKey() == null) {
            if (!properties.checkpointKeyMadeAtStart()) {
                throw new IllegalStateException(
                        "hub.audit.chain.checkpoint-private-key and checkpoint-public-key are required: one Ed25519 key"
                                + " pair for every instance of the deployment (docs/configuration.md). For a single"
                                + " instance on a laptop, hub.audit.chain.checkpoint-key-made-at-start=true lets it"
                                + " make its own.");
            }
            CheckpointSigner generated = CheckpointSigner.generated();
            log.warn(
                    "No checkpoint key configured (hub.audit.chain.checkpoint-private-key): signing audit checkpoints"
                            + " with a key made at start-up, id {}, as hub.audit.chain.checkpoint-key-made-at-start"
                            + " allows. Checkpoints it signs are trusted by no other instance.",
                    generated.keyId());
            return generated;
        }
        return CheckpointSigner.fromPem(properties.checkpointPrivateKey(), properties.checkpointPublicKey());
    }

    @Bean
    TrustedCheckpointKeys trustedCheckpointKeys(CheckpointSigner signer, ChainProperties properties) {
        List<PublicKey> keys = new ArrayList<>();
        keys.add(signer.publicKey());
        properties.previousCheckpointPublicKeys().stream()
                .map(ChainVerifier::trustedKey)
                .forEach(keys::add);
        return new TrustedCheckpointKeys(List.copyOf(keys));
    }
}
