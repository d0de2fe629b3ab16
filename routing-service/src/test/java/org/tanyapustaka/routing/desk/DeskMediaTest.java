package org.tanyapustaka.routing.desk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.routing.RoutingFixture.sessionOf;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.TanyaTestResource;

/**
 * The desk shows a patron's image by asking the gateway for it, signed with the secret both services share (no
 * token of routing's own, which the gateway would not trust): the signed-in librarian gets the file, a missing one
 * stays missing, and without a session there is nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "routing"))
@QuarkusTestResource(GatewayMediaStandIn.class)
class DeskMediaTest {

    /** A 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Test
    void aPatronsImageComesThroughTheGatewaySignedWithTheSharedSecret() {
        GatewayMediaStandIn.FILES.put("1029384756", PNG);
        GatewayMediaStandIn.TYPES.put("1029384756", "image/png");
        // An admin reads every conversation, so every file; the pass-through is checked with one.
        String session = sessionOf("kepala");

        byte[] image = given().cookie("tanya-desk", session).get("/desk/media/1029384756").then().statusCode(200)
                .contentType("image/png").header("X-Content-Type-Options", "nosniff").extract().asByteArray();
        assertThat(Arrays.equals(image, PNG)).isTrue();
        given().cookie("tanya-desk", session).get("/desk/media/5647382910").then().statusCode(404);
        given().cookie("tanya-desk", session).get("/desk/media/not a media id").then().statusCode(400);
        // A librarian sees a file only in a conversation they may read: this one is in none of theirs.
        given().cookie("tanya-desk", sessionOf("sari")).get("/desk/media/1029384756").then().statusCode(403);
        given().redirects().follow(false).get("/desk/media/1029384756").then().statusCode(302);
    }
}
