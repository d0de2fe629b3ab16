package org.tanyapustaka.routing.signin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Production refuses to start without the desk's sign-in secrets, and says which one is missing. */
class DeskSignInSettingsTest {

    static DeskSignInSettings settings(boolean enabled, String url, String clientSecret, String sessionSecret) {
        DeskSignInSettings settings = new DeskSignInSettings();
        settings.enabled = enabled;
        settings.serverUrl = Optional.ofNullable(url);
        settings.clientSecret = Optional.ofNullable(clientSecret);
        settings.sessionSecret = Optional.ofNullable(sessionSecret);
        return settings;
    }

    @Test
    void missingOrWeakSecretsAreNamed() {
        assertThatThrownBy(() -> settings(true, "https://login.example/realms/tanya-pustaka", null, "short").check(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DESK_OIDC_CLIENT_SECRET")
                .hasMessageContaining("DESK_SESSION_SECRET")
                .hasMessageNotContaining("DESK_OIDC_SERVER_URL");
        assertThatThrownBy(() -> settings(true, " ", "s3cret", "a".repeat(40)).check(null))
                .hasMessageContaining("DESK_OIDC_SERVER_URL")
                .hasMessageContaining("DESK_SESSION_SECRET");
    }

    @Test
    void completeSettingsOrSignInOffStart() {
        assertThatCode(() -> settings(true, "https://login.example/realms/tanya-pustaka", "s3cret",
                "q8Zr2LkP0vXw7NcT5bYh3JmD6sGf1AeU").check(null)).doesNotThrowAnyException();
        assertThatCode(() -> settings(false, null, null, null).check(null)).doesNotThrowAnyException();
    }
}
