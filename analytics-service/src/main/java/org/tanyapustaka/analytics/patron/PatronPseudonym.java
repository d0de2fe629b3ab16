package org.tanyapustaka.analytics.patron;

import jakarta.enterprise.context.ApplicationScoped;
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

    public PatronPseudonym(@ConfigProperty(name = "analytics.patron-hash-secret") String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(String waId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(waId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
