package org.tanyapustaka.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * The local stack's settings, from environment variables, with the sandbox defaults that {@code ./tanya up} also
 * gives the services. The same WHATSAPP_* variables configure the gateway, so both sides agree.
 */
public record Settings(Path home, int kafkaPort, int kafkaControllerPort, int postgresPort, int sandboxPort,
        String gatewayWebhook, String appSecret, String accessToken, String phoneNumberId) {

    public static final String SANDBOX_APP_SECRET = "sandbox-app-secret";
    public static final String SANDBOX_ACCESS_TOKEN = "sandbox-access-token";
    public static final String SANDBOX_PHONE_NUMBER_ID = "106540352242922";

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    static Settings from(Map<String, String> env) {
        return new Settings(
                Path.of(env.getOrDefault("TANYA_HOME", ".tanya")).toAbsolutePath(),
                port(env, "TANYA_KAFKA_PORT", 59092),
                port(env, "TANYA_KAFKA_CONTROLLER_PORT", 59093),
                port(env, "TANYA_POSTGRES_PORT", 55432),
                port(env, "TANYA_SANDBOX_PORT", 8089),
                env.getOrDefault("TANYA_GATEWAY_WEBHOOK", "http://localhost:8080/webhook"),
                env.getOrDefault("WHATSAPP_APP_SECRET", SANDBOX_APP_SECRET),
                env.getOrDefault("WHATSAPP_ACCESS_TOKEN", SANDBOX_ACCESS_TOKEN),
                env.getOrDefault("WHATSAPP_PHONE_NUMBER_ID", SANDBOX_PHONE_NUMBER_ID));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
