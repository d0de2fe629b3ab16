package org.tanyapustaka.routing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.testsupport.HeadlessChromium;
import org.tanyapustaka.testsupport.MetaWebhooks;
import org.tanyapustaka.testsupport.TestInfrastructure;
import org.tanyapustaka.testsupport.TopicProbe;

/**
 * What routing's tests set up again and again, in one place: patrons and their messages on {@code whatsapp.inbound},
 * librarians and their status, a quiet desk to start from, waiting for routing's commands and events and for the
 * database to show a handover's state, and a librarian signed in on the desk pages (development sign-in).
 */
public final class RoutingFixture {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    public static final Duration WAIT = Duration.ofSeconds(30);

    /** A small, valid PDF: a file a librarian sends. */
    public static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    /** The body of {@link #drained}'s markers. */
    public static final String MARKER = "marker ";
    /** An admin account every test may use to read any handover over the REST API. */
    private static final String READER = "pustakawan@perpustakaan.ac.id";

    private RoutingFixture() {
    }

    // ---------------------------------------------------------------- the desk's state

    /**
     * No open handover, every librarian offline (test classes share one database, and others leave librarians
     * online) and the desk open around the clock.
     */
    public static void quietDesk(EntityManager em) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("UPDATE handover SET status = 'closed', closed_at = now(), close_reason = 'librarian' "
                    + "WHERE status <> 'closed'").executeUpdate();
            em.createNativeQuery("UPDATE conversation SET active_handover_id = NULL, rating_handover_id = NULL")
                    .executeUpdate();
            em.createNativeQuery("UPDATE librarian SET status = 'offline'").executeUpdate();
        });
        openAroundTheClock();
    }

    public static void openAroundTheClock() {
        List<Map<String, String>> all = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            all.add(Map.of("day", day.name().toLowerCase(Locale.ROOT), "opens", "00:00", "closes", "24:00"));
        }
        weekly(all);
    }

    public static void weekly(List<Map<String, String>> periods) {
        given().auth().oauth2(TestInfrastructure.token("kepala@perpustakaan.ac.id", "admin")).contentType(ContentType.JSON)
                .body(periods).put("/api/routing/service-hours/weekly").then().statusCode(200);
    }

    // ---------------------------------------------------------------- librarians

    /** A librarian of this test alone: {@code name} with a random suffix. */
    public static String librarianName(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 6) + "@perpustakaan.ac.id";
    }

    /** The librarian sets their status over the REST API (the account is made on first use). */
    public static void setStatus(String username, String role, String status) {
        given().auth().oauth2(TestInfrastructure.token(username, role)).contentType(ContentType.JSON)
                .body(Map.of("status", status)).put("/api/routing/librarians/me/status").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo(status));
    }

    // ---------------------------------------------------------------- patrons

    /** A new patron's wa_id. */
    public static String patron() {
        return "62812" + (10_000_000 + (int) (Math.random() * 89_999_999));
    }

    public static PatronMessage text(String waId, String name, String body) {
        return text(waId, name, body, Instant.now());
    }

    public static PatronMessage text(String waId, String name, String body, Instant sentAt) {
        String wamid = MetaWebhooks.newWamid();
        return new PatronMessage(EventIds.ofWamid(wamid), wamid, waId, name, TestInfrastructure.PHONE_NUMBER_ID,
                sentAt, Instant.now(), PatronMessage.Type.TEXT, body, null, null, null, null, null, null);
    }

    /** The patron picks a row of a list (or a reply button) with this id and title. */
    public static PatronMessage listReply(String waId, String name, String id, String title) {
        String wamid = MetaWebhooks.newWamid();
        return new PatronMessage(EventIds.ofWamid(wamid), wamid, waId, name, TestInfrastructure.PHONE_NUMBER_ID,
                Instant.now(), Instant.now(), PatronMessage.Type.INTERACTIVE, title, id, title, null, null, null, null);
    }

    /** On {@code whatsapp.inbound}, as the gateway publishes it. */
    public static void publish(PatronMessage message) throws Exception {
        publishJson(Topics.WHATSAPP_INBOUND, message.waId(), message, message.id());
    }

    public static void publishJson(String topic, String key, Object payload, UUID id) throws Exception {
        TopicProbe.publish(topic, key, JSON.writeValueAsString(payload), Map.of("ce_id", id.toString(),
                "ce_type", "org.tanyapustaka.test.v1", "ce_source", "urn:test", "ce_specversion", "1.0"));
    }

    // ---------------------------------------------------------------- what routing publishes

    /** The first command to the patron whose body matches. */
    public static JsonNode reply(TopicProbe outbound, String waId, Predicate<String> body) throws Exception {
        ConsumerRecord<String, String> record = outbound.await(r -> waId.equals(r.key()) && body.test(bodyOf(r)), WAIT);
        return JSON.readTree(record.value());
    }

    /** How many commands to the patron seen so far have a matching body. */
    public static long count(TopicProbe outbound, String waId, Predicate<String> body) {
        return outbound.seen().stream().filter(r -> waId.equals(r.key())).filter(r -> body.test(bodyOf(r))).count();
    }

    private static String bodyOf(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("body").asText();
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * Publishes a marker for the patron and waits for it: whatever routing published for the patron before (it waits
     * for Kafka's acknowledgement before going on) is on the same partition before the marker, so it was seen.
     */
    public static void drained(TopicProbe outbound, String waId) throws Exception {
        UUID marker = UUID.randomUUID();
        TopicProbe.publish(Topics.WHATSAPP_OUTBOUND, waId, JSON.writeValueAsString(OutboundMessage.text(marker, waId,
                MARKER + marker, OutboundMessage.Origin.ROUTING, null, null)), Map.of());
        outbound.await(r -> r.value().contains(marker.toString()), WAIT);
    }

    /** The handover's event of this type on {@code conversation.events}. */
    public static JsonNode event(TopicProbe events, UUID handover, String type) throws Exception {
        ConsumerRecord<String, String> record = events.await(r -> r.value().contains(handover.toString())
                && r.value().contains("\"type\":\"" + type + "\""), WAIT);
        return JSON.readTree(record.value());
    }

    // ---------------------------------------------------------------- handovers as the REST API shows them

    public static JsonNode detail(UUID handover) {
        return given().auth().oauth2(TestInfrastructure.token(READER, "admin"))
                .get("/api/routing/handovers/{id}", handover).then().statusCode(200).extract().as(JsonNode.class);
    }

    /** Events go out before the transaction that caused them commits: wait until the database shows the state. */
    public static void committed(UUID handover, String status) {
        await().atMost(WAIT).until(() -> status.equals(given().auth().oauth2(TestInfrastructure.token(READER, "admin"))
                .get("/api/routing/handovers/{id}", handover).then().extract().path("handover.status")));
    }

    public static List<String> transcriptBodies(UUID handover) {
        return detail(handover).path("transcript").findValuesAsText("body");
    }

    /** The transcript line with this id (an empty node while there is none). */
    public static JsonNode line(UUID handover, UUID id) {
        for (JsonNode line : detail(handover).path("transcript")) {
            if (id.toString().equals(line.path("id").asText())) {
                return line;
            }
        }
        return JSON.createObjectNode();
    }

    /** A patron asks for a librarian, who is online: the handover, once it is assigned to the librarian. */
    public static UUID assignedTo(String librarian, String waId, Instant sentAt) throws Exception {
        setStatus(librarian, "librarian", "online");
        PatronMessage ask = text(waId, "Siti Rahma", "saya mau bicara dengan pustakawan", sentAt);
        try (TopicProbe events = new TopicProbe(Topics.CONVERSATION_EVENTS)) {
            publish(ask);
            UUID handover = EventIds.derive(ask.id(), "handover");
            event(events, handover, "assigned");
            committed(handover, "assigned");
            return handover;
        }
    }

    // ---------------------------------------------------------------- the desk pages

    /**
     * Signs a development account (sari, budi, kepala: the password is the name) in on the page the browser was sent
     * to: it has been redirected to the sign-in form; the form is filled in and sent.
     */
    public static void submitSignIn(HeadlessChromium browser, String user) throws Exception {
        browser.await("!!document.getElementById('username')", JsonNode::asBoolean, WAIT);
        browser.eval("(() => { document.getElementById('username').value = '" + user + "'; "
                + "document.getElementById('password').value = '" + user + "'; "
                + "document.querySelector('form').submit(); })()");
    }

    /** Opens {@code page} (a desk address) signed in as {@code user}: through the sign-in form and back. */
    public static void signedInAt(HeadlessChromium browser, String baseUrl, String path, String user) throws Exception {
        browser.navigate(baseUrl.replaceAll("/$", "") + path);
        browser.await("location.pathname", v -> v.asText().equals("/desk/sign-in"), WAIT);
        submitSignIn(browser, user);
        browser.await("location.pathname", v -> v.asText().equals(path), WAIT);
    }

    /** The desk's session cookie for a development account, signed in without a browser. */
    public static String sessionOf(String user) {
        return given().redirects().follow(false).formParam("j_username", user).formParam("j_password", user)
                .post("/j_security_check").then().statusCode(302).extract().cookie("tanya-desk");
    }

    /** Clicks an element once htmx has set it up (content swapped in is processed a moment after it appears). */
    public static void clickWhenReady(HeadlessChromium browser, String selector) throws Exception {
        // Checked and clicked in one step: a live refresh may swap the element in between.
        browser.await("(() => { const e = document.querySelector('" + selector + "'); "
                + "if (!e || !(e['htmx-internal-data'] || {}).initHash) { return false; } e.click(); return true; })()",
                JsonNode::asBoolean, WAIT);
    }
}
