package org.tanyapustaka.routing.console;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tanyapustaka.routing.handover.Librarian;

/** Who may use the console: the signed-in admin, for every console page; anyone else gets the 403 page. */
@ApplicationScoped
public class ConsoleAccess {

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = "routing.console.dashboard-url", defaultValue = "http://localhost:8083/dashboard")
    String dashboardUrl;

    /** The signed-in admin, with the page's language (from the desk's language cookie). */
    public ConsolePages.Me admin(String languageCookie) {
        String username = identity.getPrincipal().getName();
        String language = ConsolePages.language(languageCookie);
        String displayName = Librarian.byUsername(username).map(l -> l.displayName).orElse(username);
        ConsolePages.Me me = new ConsolePages.Me(username, displayName, language, dashboardUrl);
        if (!identity.hasRole("admin")) {
            throw new WebApplicationException(Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(ConsolePages.Templates.forbidden(me).setLocale(Locale.forLanguageTag(language)).render())
                    .build());
        }
        return me;
    }
}
