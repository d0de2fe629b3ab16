import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tanyapustaka.gateway.webhook.WebhookSignature;

/**
 * The CPU a forged webhook costs the gateway's signature check: Meta's text sample whose text is stretched to just
 * under the 3 MB body limit with accented text (every character of it outside ASCII goes through the
 * escaped-form fallback), signed with a wrong secret. Before: the check as it was up to commit 18eb6d2 (the escaped
 * form built as a String with String.format per character), copied here; after: WebhookSignature as built. Both run
 * in this JVM, interleaved, and CPU time of this thread is measured per check.
 *
 * <p>Run with bench/webhook-signature.sh [rounds].
 */
public class SignatureBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String sample = Files.readString(Path.of("data/whatsapp/samples/text_message.json"));
        String unit = "àéèêëîïôöùûüçñ — café résumé naïveté déjà señor Müller ";
        int room = 3 * 1024 * 1024 - sample.getBytes(StandardCharsets.UTF_8).length - 1024;
        String text = unit.repeat(room / unit.getBytes(StandardCharsets.UTF_8).length);
        String body = sample.replaceFirst("\"body\"\\s*:\\s*\"[^\"]*\"", "\"body\": \"" + text + "\"");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 3 * 1024 * 1024) {
            throw new IllegalStateException("body over 3 MB: " + bytes.length);
        }
        long nonAscii = text.chars().filter(c -> c >= 0x80).count();
        String forged = "sha256=" + HexFormat.of().formatHex(hmac("a-guessed-secret", bytes));
        String secret = "the-real-app-secret";

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++) { // warm-up
            before(secret, bytes, forged);
            WebhookSignature.isValid(secret, bytes, forged);
        }
        long[] beforeNanos = new long[rounds];
        long[] afterNanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = threads.getCurrentThreadCpuTime();
            boolean a = before(secret, bytes, forged);
            long middle = threads.getCurrentThreadCpuTime();
            boolean b = WebhookSignature.isValid(secret, bytes, forged);
            long end = threads.getCurrentThreadCpuTime();
            if (a || b) {
                throw new IllegalStateException("a forged signature was accepted");
            }
            beforeNanos[i] = middle - start;
            afterNanos[i] = end - middle;
        }
        // Both accept the same escaped-form signature (the fallback still works).
        String escapedSigned = "sha256=" + HexFormat.of().formatHex(hmac(secret, escapedForm(bytes)));
        if (!before(secret, bytes, escapedSigned) || !WebhookSignature.isValid(secret, bytes, escapedSigned)) {
            throw new IllegalStateException("the escaped-form signature is not accepted by both");
        }
        Arrays.sort(beforeNanos);
        Arrays.sort(afterNanos);
        double b50 = beforeNanos[rounds / 2] / 1e6;
        double a50 = afterNanos[rounds / 2] / 1e6;
        System.out.printf("# Forged webhook signature check, CPU per request (%d rounds, interleaved)%n%n", rounds);
        System.out.printf("body: %,d bytes, %,d characters outside ASCII; signature of another secret%n%n",
                bytes.length, nonAscii);
        System.out.println("| check | median CPU ms | min | max |");
        System.out.println("| --- | ---: | ---: | ---: |");
        System.out.printf("| before (String.format per character) | %.1f | %.1f | %.1f |%n", b50, beforeNanos[0] / 1e6,
                beforeNanos[rounds - 1] / 1e6);
        System.out.printf("| after (streamed, table-driven) | %.1f | %.1f | %.1f |%n", a50, afterNanos[0] / 1e6,
                afterNanos[rounds - 1] / 1e6);
        System.out.printf("%nafter / before: %.3f (%.1fx less CPU)%n", a50 / b50, b50 / a50);
    }

    // ---- the check before the change, as it was in gateway-service (WebhookSignature at 18eb6d2)

    static boolean before(String secret, byte[] body, String header) {
        byte[] claimed = HexFormat.of().parseHex(header.substring("sha256=".length()));
        if (MessageDigest.isEqual(hmac(secret, body), claimed)) {
            return true;
        }
        byte[] escaped = escapedForm(body);
        return escaped != null && MessageDigest.isEqual(hmac(secret, escaped), claimed);
    }

    static byte[] escapedForm(byte[] body) {
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
