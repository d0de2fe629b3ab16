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
 *
 * <p>The escaped form is never built: the body is decoded once, runs of ASCII go to the MAC as they are and each
 * other character as its six escape bytes from a table, through a small buffer. The work is linear in the body
 * (the escaped form is at most three times the body's size) and allocates nothing per request; a body that is not
 * well-formed UTF-8 (no JSON Meta sends) gets no second check at all.
 */
public final class WebhookSignature {

    private static final String PREFIX = "sha256=";
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 8192;

    private WebhookSignature() {
    }

    /** True only for a present, well-formed header whose HMAC matches the body. */
    public static boolean isValid(String appSecret, byte[] body, String header) {
        byte[] claimed = claimed(header);
        if (claimed == null) {
            return false;
        }
        Keyed keyed = keyed(appSecret);
        // doFinal leaves the Mac ready for the next body, with the same key
        if (MessageDigest.isEqual(keyed.mac().doFinal(body), claimed)) {
            return true;
        }
        byte[] escaped = escapedHmac(keyed, body);
        return escaped != null && MessageDigest.isEqual(escaped, claimed);
    }

    /** The HMAC the header claims; null when the header is missing or malformed. */
    private static byte[] claimed(String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(header.substring(PREFIX.length()).toLowerCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The HMAC of the body with non-ASCII characters escaped as {@code \\uXXXX}; null when the body is all ASCII
     * (the same bytes, nothing to retry) or not well-formed UTF-8.
     */
    static byte[] escapedHmac(String secret, byte[] body) {
        return escapedHmac(keyed(secret), body);
    }

    private static byte[] escapedHmac(Keyed keyed, byte[] body) {
        Mac mac = keyed.mac();
        byte[] out = keyed.buffer();
        int filled = 0;
        int asciiFrom = 0;
        boolean escapedAny = false;
        int i = 0;
        while (i < body.length) {
            int b = body[i];
            if (b >= 0) {
                i++;
                continue;
            }
            // A run of ASCII ends: it goes to the MAC unchanged, after whatever is buffered.
            if (i > asciiFrom) {
                mac.update(out, 0, filled);
                filled = 0;
                mac.update(body, asciiFrom, i - asciiFrom);
            }
            int codePoint;
            int length;
            if ((b & 0xE0) == 0xC0) {
                codePoint = b & 0x1F;
                length = 2;
            } else if ((b & 0xF0) == 0xE0) {
                codePoint = b & 0x0F;
                length = 3;
            } else if ((b & 0xF8) == 0xF0) {
                codePoint = b & 0x07;
                length = 4;
            } else {
                mac.reset();
                return null;
            }
            if (i + length > body.length) {
                mac.reset();
                return null;
            }
            for (int k = 1; k < length; k++) {
                int next = body[i + k];
                if ((next & 0xC0) != 0x80) {
                    mac.reset();
                    return null;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            boolean overlong = length == 2 ? codePoint < 0x80 : length == 3 ? codePoint < 0x800 : codePoint < 0x10000;
            if (overlong || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                mac.reset();
                return null;
            }
            if (filled > out.length - 12) {
                mac.update(out, 0, filled);
                filled = 0;
            }
            if (codePoint < 0x10000) {
                filled = escape(out, filled, codePoint);
            } else {
                filled = escape(out, filled, Character.highSurrogate(codePoint));
                filled = escape(out, filled, Character.lowSurrogate(codePoint));
            }
            escapedAny = true;
            i += length;
            asciiFrom = i;
        }
        if (!escapedAny) {
            return null; // all ASCII: nothing was fed to the MAC
        }
        mac.update(out, 0, filled);
        mac.update(body, asciiFrom, body.length - asciiFrom);
        return mac.doFinal();
    }

    private static int escape(byte[] out, int at, int unit) {
        out[at] = '\\';
        out[at + 1] = 'u';
        out[at + 2] = HEX[(unit >> 12) & 0xF];
        out[at + 3] = HEX[(unit >> 8) & 0xF];
        out[at + 4] = HEX[(unit >> 4) & 0xF];
        out[at + 5] = HEX[unit & 0xF];
        return at + 6;
    }

    private static Keyed keyed(String secret) {
        Keyed keyed = MACS.get();
        if (keyed == null || !keyed.secret().equals(secret)) {
            keyed = new Keyed(secret, newMac(secret), new byte[BUFFER]);
            MACS.set(keyed);
        }
        return keyed;
    }

    /** A Mac per thread, keyed once, and its escape buffer, instead of new ones for every webhook. */
    private record Keyed(String secret, Mac mac, byte[] buffer) {
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
