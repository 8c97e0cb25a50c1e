package uk.mashhub.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs checkpoints of the chain with Ed25519. A checkpoint says "the event with sequence S has
 * hash H": whoever trusts the public key can then trust every event up to S, even if the whole
 * log behind it was rewritten and re-hashed.
 *
 * <p>The signed message is the UTF-8 text {@code mash-hub/checkpoint/v1\n<S>\n<H>}.
 */
final class CheckpointSigner {

    static final String EVENT_TYPE = "ChainCheckpointSigned";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    CheckpointSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
    }

    static CheckpointSigner fromPem(String privatePem, String publicPem) {
        CheckpointSigner signer;
        try {
            KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
            signer = new CheckpointSigner(
                    ed25519.generatePrivate(new PKCS8EncodedKeySpec(pem(privatePem))),
                    ed25519.generatePublic(new X509EncodedKeySpec(pem(publicPem))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "hub.audit.chain checkpoint keys must be an Ed25519 PKCS#8 private key and X.509 public key in PEM");
        }
        // a checkpoint is appended for ever: one that its own public key does not verify would stop
        // every later verification at it
        String probe = "0".repeat(64);
        if (!verify(signer.publicKey, 0, probe, (String) signer.sign(0, probe).get("signature"))) {
            throw new IllegalArgumentException(
                    "hub.audit.chain.checkpoint-public-key is not the public key of checkpoint-private-key");
        }
        return signer;
    }

    static CheckpointSigner generated() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new CheckpointSigner(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has Ed25519", e);
        }
    }

    String keyId() {
        return keyId;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /** The details of a checkpoint event for the event with {@code sequence} and {@code hash}. */
    Map<String, Object> sign(long sequence, String hash) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(privateKey);
            ed25519.update(message(sequence, hash));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("checkpointSequence", sequence);
            details.put("checkpointHash", hash);
            details.put("algorithm", "Ed25519");
            details.put("keyId", keyId);
            details.put("publicKey", Base64.getEncoder().encodeToString(publicKey.getEncoded()));
            details.put("signature", Base64.getEncoder().encodeToString(ed25519.sign()));
            return details;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a checkpoint failed", e);
        }
    }

    /** Whether {@code signature} (base64) is {@code key}'s signature of the checkpoint. */
    static boolean verify(PublicKey key, long sequence, String hash, String signature) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(message(sequence, hash));
            return ed25519.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static PublicKey publicKey(String base64X509) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64X509)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }

    static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] message(long sequence, String hash) {
        return ("mash-hub/checkpoint/v1\n" + sequence + "\n" + hash).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pem(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
