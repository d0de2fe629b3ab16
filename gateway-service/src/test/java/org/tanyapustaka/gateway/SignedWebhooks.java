package org.tanyapustaka.gateway;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TestInfrastructure;

/** Meta's real sample webhooks, adapted per test and posted to the gateway under test, signed as Meta signs. */
public final class SignedWebhooks {

    public static final Path SAMPLES = Path.of("../data/whatsapp/samples");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignedWebhooks() {
    }

    public static ObjectNode sample(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real text sample, with a fresh wamid and a patron of its own, so tests do not see each other's records. */
    public static ObjectNode textMessage(String waId, String wamid, String text) {
        ObjectNode payload = sample("text_message.json");
        ObjectNode value = (ObjectNode) payload.at("/entry/0/changes/0/value");
        ((ObjectNode) value.at("/contacts/0")).put("wa_id", waId);
        ObjectNode message = (ObjectNode) value.at("/messages/0");
        message.put("from", waId).put("id", wamid);
        ((ObjectNode) message.get("text")).put("body", text);
        return payload;
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Posts the body with the given signature header (none when null); returns the HTTP status. */
    public static int post(byte[] body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request.header(MetaWebhooks.SIGNATURE_HEADER, signature);
        }
        return request.post("/webhook").statusCode();
    }

    /** Posts the body signed with the test app secret; returns the HTTP status. */
    public static int signedPost(byte[] body) {
        return post(body, MetaWebhooks.sign(TestInfrastructure.APP_SECRET, body));
    }

    public static String patron(String prefix) {
        return prefix + (10_000_000 + (int) (Math.random() * 89_999_999));
    }
}
