package org.tanyapustaka.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.testsupport.TanyaTestResource;

@QuarkusTest
@QuarkusTestResource(value = TanyaTestResource.class, initArgs = @ResourceArg(name = "database", value = "catalog"))
class CatalogStartupTest {

    @Inject
    EntityManager entityManager;

    @Test
    void startsReadyWithItsDatabaseMigrated() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(appliedMigrations()).contains("1");
    }

    @Transactional
    @SuppressWarnings("unchecked")
    java.util.List<String> appliedMigrations() {
        return entityManager.createNativeQuery("SELECT version FROM flyway_schema_history WHERE success").getResultList();
    }
}
