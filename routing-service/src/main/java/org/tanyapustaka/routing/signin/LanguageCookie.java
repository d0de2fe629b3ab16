package org.tanyapustaka.routing.signin;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * The staff pages' language switch: one cookie for the desk and the console, Indonesian unless it says English.
 */
public final class LanguageCookie {

    public static final String NAME = "desk-lang";

    private LanguageCookie() {
    }

    /**
     * Sets the language and goes back to {@code back} when it is a page under {@code home} (never another site),
     * else to {@code home}.
     */
    public static Response switchTo(String language, String back, String home) {
        String value = "en".equals(language) ? "en" : "id";
        String target = back != null && back.startsWith(home) && !back.startsWith("//") ? back : home;
        return Response.seeOther(URI.create(target))
                .cookie(new NewCookie.Builder(NAME).value(value).path("/").maxAge(365 * 24 * 3600)
                        .sameSite(NewCookie.SameSite.LAX).build())
                .build();
    }
}
