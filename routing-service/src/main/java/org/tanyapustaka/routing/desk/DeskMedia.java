package org.tanyapustaka.routing.desk;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Patrons' attachments on the desk pages: {@code /desk/media/{id}} passes the gateway's {@code GET /media/{id}}
 * through, so the page needs only its session. Routing asks the gateway with a one-minute staff token for the
 * signed-in librarian, signed with the key at {@code smallrye.jwt.sign.key.location} (one the gateway trusts);
 * without that key the page says attachments cannot be shown here.
 */
@Path("/desk/media")
@RolesAllowed({ "librarian", "admin" })
public class DeskMedia {

    private static final Logger LOG = Logger.getLogger(DeskMedia.class);
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "routing.desk.gateway-url", defaultValue = "http://localhost:8080")
    String gatewayUrl;

    @ConfigProperty(name = "smallrye.jwt.sign.key.location")
    Optional<String> signKey;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @GET
    @Path("/{id}")
    @Blocking
    public Response media(@PathParam("id") String id) {
        if (!MEDIA_ID.matcher(id).matches()) {
            return problem(400, "Not a WhatsApp media id.");
        }
        if (signKey.filter(k -> !k.isBlank()).isEmpty()) {
            return problem(503, "Attachments cannot be shown on the desk: routing has no key to ask the gateway with "
                    + "(smallrye.jwt.sign.key.location).");
        }
        String token = Jwt.issuer(issuer).upn(identity.getPrincipal().getName()).groups(identity.getRoles())
                .expiresIn(60).sign();
        try {
            HttpResponse<InputStream> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/media/"
                    + URLEncoder.encode(id, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
            for (String header : new String[] { "Content-Type", "Content-Disposition", "Content-Length" }) {
                answer.headers().firstValue(header).ifPresent(v -> response.header(header, v));
            }
            return response.header("X-Content-Type-Options", "nosniff").header("Cache-Control", "private, max-age=3600")
                    .build();
        } catch (java.io.IOException e) {
            LOG.warnf("The gateway did not answer for media %s: %s", id, e.getMessage());
            return problem(502, "The gateway did not answer; try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return problem(503, "Interrupted.");
        }
    }

    private static Response problem(int status, String detail) {
        return Response.status(status).type(MediaType.TEXT_PLAIN + ";charset=UTF-8").entity(detail).build();
    }
}
