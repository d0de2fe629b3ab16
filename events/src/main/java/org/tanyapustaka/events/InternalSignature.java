package org.tanyapustaka.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Requests between Tanya Pustaka's own services, signed with the secret they share ({@code TANYA_ATTACHMENTS_SECRET}):
 * HMAC-SHA256 of what is asked for, lowercase hex. The gateway fetches a librarian's file from routing this way, and
 * routing's desk fetches a patron's file from the gateway, without a second key or a token the other side must trust.
 */
public final class InternalSignature {

    /** The header of a signed request from routing to the gateway's {@code GET /media/{id}}. */
    public static final String HEADER = "X-Internal-Signature";

    private InternalSignature() {
    }

    /** The signature of {@code message} with {@code secret}. */
    public static String sign(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code signature} is that of {@code message}, compared in constant time; false without a secret. */
    public static boolean verify(String secret, String message, String signature) {
        if (secret == null || secret.isBlank() || signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, message).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** What is signed to fetch a patron's file from the gateway (set apart from attachment ids). */
    public static String media(String mediaId) {
        return "media:" + mediaId;
    }
}
