package org.tanyapustaka.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * A development RSA key pair that stands in for the OIDC provider's: it mints staff tokens (roles in the
 * {@code groups} claim) that the services verify with the public key, exactly as they verify production tokens.
 */
public final class DevelopmentKeys {

    public static final String ISSUER = "https://tanya-pustaka.local/dev";
    /** The audience the services require (mp.jwt.verify.audiences), as Keycloak's audience mapper sets it. */
    public static final String AUDIENCE = "tanya-pustaka";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevelopmentKeys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh key pair, kept in memory only. */
    public static DevelopmentKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new DevelopmentKeys(pair.getPrivate(), pair.getPublic());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair kept in {@code directory} (privateKey.pem, publicKey.pem); generated on first use. */
    public static DevelopmentKeys inDirectory(Path directory) {
        Path privatePem = directory.resolve("privateKey.pem");
        Path publicPem = directory.resolve("publicKey.pem");
        try {
            if (!Files.exists(privatePem) || !Files.exists(publicPem)) {
                DevelopmentKeys keys = generate();
                Files.createDirectories(directory);
                Files.writeString(privatePem, pem("PRIVATE KEY", keys.privateKey.getEncoded()));
                Files.writeString(publicPem, keys.publicKeyPem());
                return keys;
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new DevelopmentKeys(
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(privatePem)))),
                    rsa.generatePublic(new X509EncodedKeySpec(unpem(Files.readString(publicPem)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Unreadable development keys in " + directory, e);
        }
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /**
     * A signed token (RS256 JWS) for a staff member with the given roles, valid for the given time: the claims
     * MicroProfile JWT reads ({@code iss}, {@code aud}, {@code sub}, {@code upn}, {@code groups}, {@code iat},
     * {@code exp}).
     */
    public String token(String subject, Set<String> roles, Duration validity) {
        return token(subject, roles, validity, AUDIENCE);
    }

    /** As {@link #token(String, Set, Duration)}, for another audience (a token meant for some other service). */
    public String token(String subject, Set<String> roles, Duration validity, String audience) {
        ObjectMapper json = new ObjectMapper();
        Instant now = Instant.now();
        ObjectNode header = json.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", "tanya-dev");
        ObjectNode claims = json.createObjectNode()
                .put("iss", ISSUER)
                .put("aud", audience)
                .put("sub", subject)
                .put("upn", subject)
                .put("jti", UUID.randomUUID().toString())
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(validity).getEpochSecond());
        roles.forEach(claims.putArray("groups")::add);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        try {
            String signingInput = base64.encodeToString(json.writeValueAsBytes(header)) + "."
                    + base64.encodeToString(json.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64.encodeToString(rs256.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a development token", e);
        }
    }

    /** A token valid for 12 hours: a working day at the library desk. */
    public String token(String subject, String role) {
        return token(subject, Set.of(role), Duration.ofHours(12));
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
