package org.tanyapustaka.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body with the app
 * secret, checked over the raw bytes before any parsing and compared in constant time. Some senders sign a form
 * of the body in which every non-ASCII character is escaped as {@code \\uXXXX} (lowercase hex, UTF-16 code
 * units); a body with non-ASCII characters whose raw signature fails is checked once more over that form.
 */
public final class WebhookSignature {

    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** True only for a present, well-formed header whose HMAC matches the body. */
    public static boolean isValid(String appSecret, byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header.substring(PREFIX.length()).toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (MessageDigest.isEqual(hmac(appSecret, body), claimed)) {
            return true;
        }
        byte[] escaped = escapedForm(body);
        return escaped != null && MessageDigest.isEqual(hmac(appSecret, escaped), claimed);
    }

    /** The body with non-ASCII characters escaped as {@code \\uXXXX}; null when it has none (nothing to retry). */
    static byte[] escapedForm(byte[] body) {
        boolean ascii = true;
        for (byte b : body) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        StringBuilder escaped = new StringBuilder(text.length() + 64);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                escaped.append(c);
            } else {
                escaped.append("\\u").append(String.format("%04x", (int) c));
            }
        }
        return escaped.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] hmac(String secret, byte[] body) {
        Keyed keyed = MACS.get();
        if (keyed == null || !keyed.secret().equals(secret)) {
            keyed = new Keyed(secret, newMac(secret));
            MACS.set(keyed);
        }
        return keyed.mac().doFinal(body); // doFinal leaves the Mac ready for the next body, with the same key
    }

    /** A Mac per thread, keyed once, instead of looking up the algorithm and keying it for every webhook. */
    private record Keyed(String secret, Mac mac) {
    }

    private static final ThreadLocal<Keyed> MACS = new ThreadLocal<>();

    private static Mac newMac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
