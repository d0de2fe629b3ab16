package org.tanyapustaka.routing.desk;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The development sign-in is refused outside the local, dev and test profiles, with a message that says why. */
class DevSignInTest {

    @Test
    void refusedInProduction() {
        assertThatThrownBy(() -> DevSignIn.check(true, List.of("prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("routing.desk.dev-sign-in.enabled").hasMessageContaining("[prod]");
        assertThatThrownBy(() -> DevSignIn.check(true, List.of("staging", "prod"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void allowedWhereItBelongsAndWhenOff() {
        assertThatCode(() -> DevSignIn.check(true, List.of("local", "prod"))).doesNotThrowAnyException();
        assertThatCode(() -> DevSignIn.check(true, List.of("test"))).doesNotThrowAnyException();
        assertThatCode(() -> DevSignIn.check(false, List.of("prod"))).doesNotThrowAnyException();
    }
}
