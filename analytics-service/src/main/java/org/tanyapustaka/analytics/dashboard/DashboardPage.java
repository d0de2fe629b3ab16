package org.tanyapustaka.analytics.dashboard;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The head of library's dashboard: one self-contained page (inline SVG charts, no external scripts). The page itself
 * is public; it asks for the staff token, keeps it in the tab's sessionStorage and sends it as a bearer token to the
 * figures, which are for administrators only.
 */
@Path("/dashboard")
@PermitAll
@Tag(name = "Dashboard")
public class DashboardPage {

    private final String page;

    public DashboardPage() {
        try (InputStream in = DashboardPage.class.getResourceAsStream("/dashboard/index.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    @Operation(summary = "The dashboard page (HTML)")
    public jakarta.ws.rs.core.Response page() {
        return jakarta.ws.rs.core.Response.ok(page)
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                        + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
