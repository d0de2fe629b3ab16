package org.tanyapustaka.routing.signin;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Who is signed in to the desk ({@code GET /desk/me}: name, staff roles, a sign-out link), and the page Keycloak
 * sends the browser back to after signing out ({@code GET /desk/signed-out}). Indonesian, {@code ?lang=en} for
 * English. The identity comes from whichever sign-in guards {@code /desk} (OIDC code flow in production).
 */
@Path("/desk")
public class SignedInPage {

    /** The roles that mean something at the desk, in the order shown. */
    static final List<String> STAFF_ROLES = List.of("librarian", "admin");

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/me")
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    public String me(@QueryParam("lang") String lang) {
        boolean en = "en".equals(lang);
        List<String> roles = STAFF_ROLES.stream().filter(identity::hasRole).toList();
        String roleText = roles.isEmpty() ? (en ? "no staff role" : "tanpa peran staf") : String.join(", ", roles);
        return page(en, en ? "Signed in" : "Sudah masuk",
                "<p>" + (en ? "Signed in as " : "Masuk sebagai ") + "<strong id=\"name\">"
                        + escape(identity.getPrincipal().getName()) + "</strong></p>\n"
                        + "<p>" + (en ? "Roles: " : "Peran: ") + "<span id=\"roles\">" + escape(roleText) + "</span></p>\n"
                        + "<p><a id=\"sign-out\" href=\"/desk/sign-out\">" + (en ? "Sign out" : "Keluar") + "</a></p>\n",
                en ? "/desk/me" : "/desk/me?lang=en");
    }

    @GET
    @Path("/signed-out")
    @Produces(MediaType.TEXT_HTML)
    public String signedOut(@QueryParam("lang") String lang) {
        boolean en = "en".equals(lang);
        return page(en, en ? "Signed out" : "Sudah keluar",
                "<p id=\"signed-out\">" + (en ? "You have signed out of the librarians' desk."
                        : "Anda sudah keluar dari meja layanan pustakawan.") + "</p>\n"
                        + "<p><a href=\"/desk/me\">" + (en ? "Sign in again" : "Masuk lagi") + "</a></p>\n",
                en ? "/desk/signed-out" : "/desk/signed-out?lang=en");
    }

    private static String page(boolean en, String title, String body, String otherLanguage) {
        return "<!DOCTYPE html>\n<html lang=\"" + (en ? "en" : "id") + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + " · Tanya Pustaka</title>\n</head>\n<body>\n<main>\n<h1>" + title + "</h1>\n"
                + body + "<p><a href=\"" + otherLanguage + "\" lang=\"" + (en ? "id" : "en") + "\">"
                + (en ? "Bahasa Indonesia" : "English") + "</a></p>\n</main>\n</body>\n</html>\n";
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
