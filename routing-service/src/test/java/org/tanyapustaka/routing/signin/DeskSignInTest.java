package org.tanyapustaka.routing.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.HeadlessChromium;
import org.tanyapustaka.testsupport.KeycloakServer;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;

/**
 * Staff sign in to the desk through a real Keycloak with the project's realm: the authorization-code flow in a real
 * headless Chromium (Keycloak's own login page), roles from the token, the page first asked for restored, sign-out
 * ending both sessions; bearer tokens keep working on the REST API beside it; and the realm refuses what it must
 * (a foreign redirect URI, the password grant, a code request without PKCE, a code exchanged without its PKCE
 * verifier).
 */
@QuarkusTest
@TestProfile(KeycloakSignIn.class)
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class DeskSignInTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path SCREENSHOTS = Path.of("target", "screenshots", "sign-in");
    static final String PASSWORD = "Perpustakaan-2026-rahasia";
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    static final String LIBRARIAN = "rina.librarian." + SUFFIX;
    static final String ADMIN = "sari.admin." + SUFFIX;

    @BeforeAll
    static void staff() {
        KeycloakServer keycloak = KeycloakSignIn.keycloak();
        keycloak.createUser(KeycloakSignIn.REALM, LIBRARIAN, PASSWORD, "Rina", "Wulandari", Set.of("librarian"));
        keycloak.createUser(KeycloakSignIn.REALM, ADMIN, PASSWORD, "Sari", "Hartono", Set.of("librarian", "admin"));
    }

    @Test
    void librarianSignsInWithTheCodeFlowGetsOnlyHerRolesAndSignsOut() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            // The page first asked for (with its query) comes back after Keycloak's login page.
            browser.navigate(KeycloakSignIn.appUrl() + "/desk/me?lang=en");
            awaitKeycloakLogin(browser);
            browser.screenshot(SCREENSHOTS.resolve("01-keycloak-login.png"));
            signIn(browser, LIBRARIAN);
            browser.await("location.href", v -> v.asText().equals(KeycloakSignIn.appUrl() + "/desk/me?lang=en"), WAIT);
            browser.await("document.getElementById('name') && document.getElementById('name').textContent",
                    v -> v.asText().equals(LIBRARIAN), WAIT);
            assertThat(browser.eval("document.body.innerText").asText()).contains("Signed in as");
            assertThat(browser.eval("document.getElementById('roles').textContent").asText()).isEqualTo("librarian");
            browser.screenshot(SCREENSHOTS.resolve("02-signed-in-librarian.png"));

            // Signed in, the page is served straight away (the session cookie, no trip to Keycloak).
            browser.navigate(KeycloakSignIn.appUrl() + "/desk/me");
            browser.await("document.getElementById('name') && document.getElementById('name').textContent",
                    v -> v.asText().equals(LIBRARIAN), WAIT);
            assertThat(browser.eval("document.cookie").asText()).doesNotContain("q_session");

            // Sign-out ends the desk's session and Keycloak's: the next visit asks for the password again.
            browser.eval("document.getElementById('sign-out').click()");
            browser.await("document.getElementById('signed-out') !== null", JsonNode::asBoolean, WAIT);
            assertThat(browser.eval("location.href").asText()).startsWith(KeycloakSignIn.appUrl() + "/desk/signed-out");
            browser.screenshot(SCREENSHOTS.resolve("03-signed-out.png"));
            browser.navigate(KeycloakSignIn.appUrl() + "/desk/me");
            awaitKeycloakLogin(browser);
        }
    }

    @Test
    void anExpiredSessionStartsTheSignInAgainAndComesBackToThePage() throws Exception {
        KeycloakServer keycloak = KeycloakSignIn.keycloak();
        String realm = KeycloakSignIn.REALM;
        JsonNode client = keycloak.adminGet(realm + "/clients?clientId=" + KeycloakSignIn.CLIENT_ID).path(0);
        String clientPath = realm + "/clients/" + client.path("id").asText();
        // Tokens of this client live 10 s for this test (the realm's 5 minutes would make it slow).
        ObjectNode shortLived = client.deepCopy();
        shortLived.with("attributes").put("access.token.lifespan", "10");
        assertThat(keycloak.admin("PUT", clientPath, shortLived.toString()).statusCode()).isEqualTo(204);
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.navigate(KeycloakSignIn.appUrl() + "/desk/me");
            awaitKeycloakLogin(browser);
            signIn(browser, LIBRARIAN);
            browser.await("document.getElementById('name') && document.getElementById('name').textContent",
                    v -> v.asText().equals(LIBRARIAN), WAIT);

            // Keycloak ends her SSO session (expired, or ended by an administrator): once the desk's tokens have
            // expired too, they cannot be refreshed and the next page load goes through the sign-in again.
            String userId = keycloak.adminGet(realm + "/users?exact=true&username=" + LIBRARIAN).path(0).path("id").asText();
            assertThat(keycloak.admin("POST", realm + "/users/" + userId + "/logout", null).statusCode()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                browser.navigate(KeycloakSignIn.appUrl() + "/desk/me?lang=en");
                browser.await("document.readyState === 'complete' && (document.getElementById('name') !== null"
                        + " || document.getElementById('username') !== null)", JsonNode::asBoolean, WAIT);
                return browser.eval("document.getElementById('username') !== null").asBoolean();
            });
            signIn(browser, LIBRARIAN);
            browser.await("location.href", v -> v.asText().equals(KeycloakSignIn.appUrl() + "/desk/me?lang=en"), WAIT);
            browser.await("document.getElementById('name') && document.getElementById('name').textContent",
                    v -> v.asText().equals(LIBRARIAN), WAIT);
        } finally {
            assertThat(keycloak.admin("PUT", clientPath, client.toString()).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void adminGetsBothRoles() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.navigate(KeycloakSignIn.appUrl() + "/desk/me");
            awaitKeycloakLogin(browser);
            signIn(browser, ADMIN);
            browser.await("document.getElementById('roles') && document.getElementById('roles').textContent",
                    v -> v.asText().equals("librarian, admin"), WAIT);
            assertThat(browser.eval("document.getElementById('name').textContent").asText()).isEqualTo(ADMIN);
            assertThat(browser.eval("document.body.innerText").asText()).contains("Masuk sebagai");
        }
    }

    @Test
    void withoutASessionTheDeskRedirectsToKeycloakWithPkceAndTheExactCallback() {
        Response response = given().redirects().follow(false).when().get("/desk/me");
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.header("Location");
        assertThat(location).startsWith(KeycloakSignIn.keycloak().realmUrl(KeycloakSignIn.REALM)
                + "/protocol/openid-connect/auth?");
        assertThat(location).contains("code_challenge_method=S256", "client_id=" + KeycloakSignIn.CLIENT_ID,
                "redirect_uri=" + URLEncoder.encode(KeycloakSignIn.appUrl() + "/desk/signed-in", StandardCharsets.UTF_8));
        // A script's request is not redirected (it could not follow): 499 tells the page to reload and sign in.
        given().redirects().follow(false).header("X-Requested-With", "XMLHttpRequest").when().get("/desk/me")
                .then().statusCode(499);
        // The signed-out page is public.
        given().redirects().follow(false).when().get("/desk/signed-out").then().statusCode(200);
    }

    @Test
    void bearerTokensStillWorkOnTheRestApiAndNoTokenIsA401NotARedirect() {
        String name = "desk.bearer." + SUFFIX;
        String token = TestInfrastructure.token(name, "librarian");
        assertThat(given().auth().oauth2(token).when().get("/api/routing/librarians/me").then().statusCode(200)
                .extract().path("username").toString()).isEqualTo(name);
        given().redirects().follow(false).when().get("/api/routing/librarians/me").then().statusCode(401);
        given().redirects().follow(false).auth().oauth2("not-a-token").when().get("/api/routing/librarians/me")
                .then().statusCode(401);
        // A token from the right issuer but meant for another audience is refused.
        given().redirects().follow(false).auth().oauth2(TestInfrastructure.tokenForAudience(name, "librarian", "account"))
                .when().get("/api/routing/librarians/me").then().statusCode(401);
    }

    @Test
    void theRealmRefusesAForeignRedirectThePasswordGrantAndACodeRequestWithoutPkce() throws Exception {
        KeycloakServer keycloak = KeycloakSignIn.keycloak();
        String realm = keycloak.realmUrl(KeycloakSignIn.REALM) + "/protocol/openid-connect";
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(realm + "/auth?" + query(Map.of(
                "client_id", KeycloakSignIn.CLIENT_ID, "response_type", "code", "scope", "openid",
                "redirect_uri", "https://attacker.example/desk/signed-in", "state", "s",
                "code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method", "S256"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> password = keycloak.postForm(realm + "/token", Map.of("grant_type", "password",
                "client_id", KeycloakSignIn.CLIENT_ID, "client_secret", KeycloakSignIn.CLIENT_SECRET,
                "username", LIBRARIAN, "password", PASSWORD, "scope", "openid"));
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(password.body()).contains("unauthorized_client");

        HttpResponse<String> withoutPkce = http.send(HttpRequest.newBuilder(URI.create(realm + "/auth?" + query(Map.of(
                "client_id", KeycloakSignIn.CLIENT_ID, "response_type", "code", "scope", "openid",
                "redirect_uri", KeycloakSignIn.appUrl() + "/desk/signed-in", "state", "s"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutPkce.statusCode()).isEqualTo(302);
        assertThat(withoutPkce.headers().firstValue("Location").orElseThrow())
                .startsWith(KeycloakSignIn.appUrl() + "/desk/signed-in?")
                .contains("error=invalid_request").contains("code_challenge");
    }

    @Test
    void aCodeIsExchangedOnlyWithItsPkceVerifier() throws Exception {
        KeycloakServer keycloak = KeycloakSignIn.keycloak();
        String realm = keycloak.realmUrl(KeycloakSignIn.REALM) + "/protocol/openid-connect";
        String callback = KeycloakSignIn.appUrl() + "/desk/signed-in";
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        // Keycloak's cookies are Secure; Java's cookie manager would not send them back over http://localhost.
        Map<String, String> cookies = new HashMap<>();
        String verifier = "tanya-pkce-verifier-" + UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorize = URI.create(realm + "/auth?" + query(Map.of("client_id", KeycloakSignIn.CLIENT_ID,
                "response_type", "code", "scope", "openid", "redirect_uri", callback, "state", "s",
                "code_challenge", challenge, "code_challenge_method", "S256")));

        // Keycloak's login form, filled in as a browser would: the code comes back on the desk's callback.
        HttpResponse<String> login = withCookies(http, HttpRequest.newBuilder(authorize), cookies);
        assertThat(login.statusCode()).isEqualTo(200);
        Matcher action = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"|"
                + "action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"").matcher(login.body());
        assertThat(action.find()).as("the login form in %s", login.body()).isTrue();
        String formUrl = (action.group(1) != null ? action.group(1) : action.group(2)).replace("&amp;", "&");
        HttpResponse<String> signedIn = withCookies(http, HttpRequest.newBuilder(URI.create(formUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(Map.of("username", LIBRARIAN, "password", PASSWORD)))),
                cookies);
        String code = codeFrom(signedIn, callback);

        // The code without the verifier is refused, and so is a wrong verifier ...
        Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", callback,
                "client_id", KeycloakSignIn.CLIENT_ID, "client_secret", KeycloakSignIn.CLIENT_SECRET);
        HttpResponse<String> withoutVerifier = keycloak.postForm(realm + "/token", exchange);
        assertThat(withoutVerifier.statusCode()).isEqualTo(400);
        assertThat(withoutVerifier.body()).contains("invalid_grant").containsIgnoringCase("code verifier");
        assertThat(withoutVerifier.body()).doesNotContain("access_token");

        // ... while a fresh code (the SSO session gives one without the form) with its verifier gets tokens.
        String fresh = codeFrom(withCookies(http, HttpRequest.newBuilder(authorize), cookies), callback);
        Map<String, String> wrong = new HashMap<>(exchange);
        wrong.put("code", fresh);
        wrong.put("code_verifier", verifier.replace('t', 'x'));
        HttpResponse<String> wrongVerifier = keycloak.postForm(realm + "/token", wrong);
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(wrongVerifier.body()).contains("invalid_grant");

        String third = codeFrom(withCookies(http, HttpRequest.newBuilder(authorize), cookies), callback);
        Map<String, String> right = new HashMap<>(exchange);
        right.put("code", third);
        right.put("code_verifier", verifier);
        HttpResponse<String> withVerifier = keycloak.postForm(realm + "/token", right);
        assertThat(withVerifier.statusCode()).as(withVerifier.body()).isEqualTo(200);
        assertThat(withVerifier.body()).contains("access_token");
    }

    /** Sends the request with the cookies collected so far, and collects the ones it sets. */
    private static HttpResponse<String> withCookies(HttpClient http, HttpRequest.Builder request,
            Map<String, String> cookies) throws Exception {
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).toList()));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
        }
        return response;
    }

    /** The authorization code of a redirect to the desk's callback. */
    private static String codeFrom(HttpResponse<String> response, String callback) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(callback + "?");
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find()).as(location).isTrue();
        return URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
    }

    private static void awaitKeycloakLogin(HeadlessChromium browser) throws Exception {
        browser.await("location.href.startsWith('" + KeycloakSignIn.keycloak().baseUrl() + "/realms/"
                + KeycloakSignIn.REALM + "/') && document.getElementById('username') !== null",
                JsonNode::asBoolean, WAIT);
    }

    private static void signIn(HeadlessChromium browser, String username) throws Exception {
        browser.eval("(() => { document.getElementById('username').value = '" + username + "';"
                + " document.getElementById('password').value = '" + PASSWORD + "';"
                + " document.getElementById('kc-form-login').submit(); return true; })()");
    }

    private static String query(Map<String, String> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
