package org.tanyapustaka.routing.desk;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tanyapustaka.events.InternalSignature;

/**
 * The gateway's {@code GET /media/{id}} as routing's desk sees it: serves a patron's file only to a request signed
 * with the attachments secret of the test profile (HMAC of {@code media:{id}}), 401 otherwise, as the real gateway
 * does for a request without a staff token. Points {@code routing.desk.gateway-url} at itself.
 */
public class GatewayMediaStandIn implements QuarkusTestResourceLifecycleManager {

    /** tanya.attachments.secret in the test profile. */
    static final String SECRET = "test-attachments-secret";
    static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
    static final Map<String, String> TYPES = new ConcurrentHashMap<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/media/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/media/".length());
            String signature = exchange.getRequestHeaders().getFirst(InternalSignature.HEADER);
            boolean signed = InternalSignature.sign(SECRET, "media:" + id).equals(signature);
            byte[] file = FILES.get(id);
            int status = !signed ? 401 : file == null ? 404 : 200;
            byte[] body = status == 200 ? file : ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? TYPES.get(id) : "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("routing.desk.gateway-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
