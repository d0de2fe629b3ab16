package org.tanyapustaka.routing.handover;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.routing.RoutingFixture.committed;
import static org.tanyapustaka.routing.RoutingFixture.patron;
import static org.tanyapustaka.routing.RoutingFixture.publish;
import static org.tanyapustaka.routing.RoutingFixture.quietDesk;
import static org.tanyapustaka.routing.RoutingFixture.sessionOf;
import static org.tanyapustaka.routing.RoutingFixture.setStatus;
import static org.tanyapustaka.routing.RoutingFixture.text;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.testsupport.TanyaTestResource;
import org.tanyapustaka.testsupport.TestInfrastructure;

/**
 * A librarian reads a conversation's history only if it is assigned to them, waiting in the queue or one they
 * handled; an admin reads all ({@link ReadAccess}), over the REST API and on the desk pages alike.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
class ReadAccessTest {

    /** Development accounts of the desk (sari and budi librarians, kepala an admin); the tokens carry the same names. */
    static final String SARI = "sari";
    static final String BUDI = "budi";
    static final String KEPALA = "kepala";
    static final String QUESTION = "saya mau bicara dengan pustakawan soal denda rahasia";

    @Inject
    EntityManager em;

    @Test
    void aLibrarianReadsWhatIsTheirsWaitingOrHandledByThemAndAnAdminReadsAll() throws Exception {
        quietDesk(em);
        String colleague = "dewi." + UUID.randomUUID().toString().substring(0, 6) + "@perpustakaan.ac.id";
        PatronMessage ask = text(patron(), "Siti Rahma", QUESTION);
        publish(ask);
        UUID handover = EventIds.derive(ask.id(), "handover");

        // Nobody is online: it waits in the queue, and any librarian may read it (they may claim it).
        committed(handover, "queued");
        assertThat(rest(BUDI, handover).then().statusCode(200).extract().asString()).contains(QUESTION);
        assertThat(desk(BUDI, "/desk/c/" + handover + "/transcript").then().statusCode(200).extract().asString())
                .contains(QUESTION);

        // Sari claims it: now it is hers, and Budi reads it neither over REST nor on the desk.
        api(SARI, "librarian").post("/api/routing/handovers/{id}/claim", handover).then().statusCode(200);
        Response refused = rest(BUDI, handover);
        refused.then().statusCode(403).contentType("application/problem+json");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(403);
        assertThat(refused.jsonPath().getString("title")).isEqualTo("Forbidden");
        assertThat(refused.asString()).doesNotContain(QUESTION);
        for (String page : new String[] { "", "/transcript", "/panel", "/canned?text=/" }) {
            Response html = desk(BUDI, "/desk/c/" + handover + page);
            html.then().statusCode(403).contentType(ContentType.HTML);
            assertThat(html.asString()).contains("Percakapan ini tidak dapat Anda buka").doesNotContain(QUESTION);
        }
        // Budi's inbox still lists it among his colleagues' conversations, without its last message; the admin's
        // shows the message.
        String budiInbox = desk(BUDI, "/desk/inbox").then().statusCode(200).extract().asString();
        assertThat(budiInbox).contains("data-handover=\"" + handover + "\"").doesNotContain("saya mau bicara");
        assertThat(desk(KEPALA, "/desk/inbox").then().statusCode(200).extract().asString()).contains("saya mau bicara");
        // The admin reads it, over REST and on the desk.
        assertThat(api(KEPALA, "admin").get("/api/routing/handovers/{id}", handover).then().statusCode(200).extract()
                .asString()).contains(QUESTION);
        assertThat(desk(KEPALA, "/desk/c/" + handover + "/transcript").then().statusCode(200).extract().asString())
                .contains(QUESTION);

        // Sari answers and hands it over to Budi: she handled it and still reads it, Budi holds it now, and a
        // colleague who never had it reads it not.
        api(SARI, "librarian").contentType(ContentType.JSON).body(Map.of("text", "Baik, saya cek dulu ya."))
                .post("/api/routing/handovers/{id}/replies", handover).then().statusCode(202);
        setStatus(BUDI, "librarian", "away");
        api(SARI, "librarian").contentType(ContentType.JSON).body(Map.of("to", BUDI))
                .post("/api/routing/handovers/{id}/transfer", handover).then().statusCode(200)
                .body("librarian", org.hamcrest.Matchers.equalTo(BUDI));
        assertThat(rest(SARI, handover).then().statusCode(200).extract().asString()).contains(QUESTION);
        assertThat(desk(SARI, "/desk/c/" + handover).then().statusCode(200).extract().asString())
                .doesNotContain("tidak dapat Anda buka");
        assertThat(rest(BUDI, handover).then().statusCode(200).extract().asString()).contains(QUESTION);
        rest(colleague, handover).then().statusCode(403);
        setStatus(BUDI, "librarian", "offline");
    }

    private static RequestSpecification api(String username, String role) {
        return given().auth().oauth2(TestInfrastructure.token(username, role));
    }

    private static Response rest(String username, UUID handover) {
        return api(username, "librarian").get("/api/routing/handovers/{id}", handover);
    }

    private static Response desk(String user, String path) {
        return given().cookie("tanya-desk", sessionOf(user)).get(path);
    }
}
