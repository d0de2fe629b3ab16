package org.tanyapustaka.analytics.patron;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Patrons appear in analytics only as a keyed hash of their wa_id (HMAC-SHA256 with a configured secret): the
 * same patron is recognisable across events, but the phone number cannot be recovered from the data.
 */
@ApplicationScoped
public class PatronPseudonym {

    private final SecretKeySpec key;

    /** Without a secret the service does not start ({@code SecretsCheck} names it); no key is made up. */
    public PatronPseudonym(@ConfigProperty(name = "analytics.patron-hash-secret") java.util.Optional<String> secret) {
        this.key = secret.filter(s -> !s.isBlank())
                .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).orElse(null);
    }

    public String of(String waId) {
        return HexFormat.of().formatHex(hmac(waId));
    }

    /** The patron as a number (the first 8 bytes of the same HMAC): compact keys for the patron tables. */
    public long keyOf(String waId) {
        return ByteBuffer.wrap(hmac(waId)).getLong();
    }

    /**
     * A WhatsApp message id as a number. Wamids are base64 of data that includes the patron's phone number, so
     * they are kept under the same keyed hash as patrons (in their own domain), never as they are.
     */
    public long keyOfMessage(String wamid) {
        return ByteBuffer.wrap(hmac("wamid:" + wamid)).getLong();
    }

    private byte[] hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
