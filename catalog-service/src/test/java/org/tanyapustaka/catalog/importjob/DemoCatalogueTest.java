package org.tanyapustaka.catalog.importjob;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.TanyaTestResource;

/** A new installation (./tanya up) starts with a demo catalogue that patrons can search at once. */
@QuarkusTest
@TestProfile(DemoCatalogueTest.NewInstallation.class)
@QuarkusTestResource(value = TanyaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "catalog_demo"))
public class DemoCatalogueTest {

    public static class NewInstallation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("catalog.demo.load", "true");
        }
    }

    @Test
    void emptyCatalogueGetsTheDemoTitlesWithCopies() {
        given().queryParam("q", "laskar pelangi").get("/api/catalog/search").then().statusCode(200)
                .body("hits[0].title", equalTo("Laskar Pelangi"))
                .body("hits[0].available", greaterThan(0));
        given().auth().oauth2(org.tanyapustaka.testsupport.TestInfrastructure.token("pustakawan", "librarian"))
                .get("/api/catalog/imports").then().statusCode(200)
                .body("findAll { it.description.startsWith('demo') }.size()", equalTo(2))
                .body("findAll { it.description.startsWith('demo') }.imported.sum()", equalTo(399));
    }
}
