package org.tanyapustaka.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionSecretsTest {

    static Map<String, String> secrets(String... nameValue) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            secrets.put(nameValue[i], nameValue[i + 1]);
        }
        return secrets;
    }

    @Test
    void productionRefusesMissingAndPublishedSecretsAndNamesEach() {
        Map<String, String> secrets = secrets("WHATSAPP_APP_SECRET", "sandbox-app-secret", "WHATSAPP_ACCESS_TOKEN", null,
                "DB_PASSWORD", "postgres", "ANALYTICS_PATRON_HASH_SECRET", "change-me-in-production",
                "TANYA_ATTACHMENTS_SECRET", "  ", "WHATSAPP_VERIFY_TOKEN", "r4nd0m-v3rify-t0ken-of-this-library");
        assertThatThrownBy(() -> ProductionSecrets.check("gateway-service", List.of("prod"), secrets))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WHATSAPP_APP_SECRET is a published default value")
                .hasMessageContaining("WHATSAPP_ACCESS_TOKEN is not set")
                .hasMessageContaining("DB_PASSWORD is a published default value")
                .hasMessageContaining("ANALYTICS_PATRON_HASH_SECRET is a published default value")
                .hasMessageContaining("TANYA_ATTACHMENTS_SECRET is not set")
                .hasMessageNotContaining("WHATSAPP_VERIFY_TOKEN");
    }

    @Test
    void localProfileAcceptsTheSandboxValuesButNotMissingOnes() {
        Map<String, String> sandbox = secrets("WHATSAPP_APP_SECRET", "sandbox-app-secret", "DB_PASSWORD", "postgres");
        assertThatCode(() -> ProductionSecrets.check("gateway-service", List.of("local", "prod"), sandbox))
                .doesNotThrowAnyException();
        assertThat(ProductionSecrets.problems(List.of("local", "prod"), secrets("WHATSAPP_APP_SECRET", "")))
                .containsExactly("WHATSAPP_APP_SECRET is not set");
        assertThat(ProductionSecrets.problems(List.of("staging", "prod"), sandbox)).hasSize(2);
    }

    @Test
    void realSecretsPassInProduction() {
        assertThat(ProductionSecrets.problems(List.of("prod"), secrets("WHATSAPP_APP_SECRET",
                "9f2c4e1b7a3d5f6e8c0b1a2d3e4f5a6b", "DB_PASSWORD", "Xk2!postgres-of-perpustakaan-unpad"))).isEmpty();
    }
}
