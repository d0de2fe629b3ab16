package org.tanyapustaka.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RedeliveryTest {

    @Test
    void connectionFailuresAndServerRestartsAreTransientBadDataIsNot() {
        assertThat(Redelivery.isTransient(new RuntimeException("wrapped",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(Redelivery.isTransient(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(Redelivery.isTransient(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(Redelivery.isTransient(new SQLException("Acquisition timeout while waiting for new connection")))
                .isTrue();
        assertThat(Redelivery.isTransient(new IllegalStateException(new java.sql.SQLTransientConnectionException())))
                .isTrue();

        assertThat(Redelivery.isTransient(new SQLException("duplicate key value violates unique constraint", "23505")))
                .isFalse();
        assertThat(Redelivery.isTransient(new IllegalArgumentException("An outbound command needs commandId")))
                .isFalse();
        assertThat(Redelivery.isTransient(new NullPointerException())).isFalse();
    }

    @Test
    void aTransientFailureIsRetriedUntilTheWorkIsStored() {
        AtomicInteger attempts = new AtomicInteger();
        List<String> warnings = new ArrayList<>();
        Redelivery.untilStored(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException(new SQLException("Connection refused", "08001"));
            }
        }, warnings::add, "message wamid.X");
        assertThat(attempts).hasValue(3);
        assertThat(warnings).hasSize(1).allMatch(w -> w.contains("message wamid.X") && w.contains("Connection refused"));
    }

    @Test
    void anyOtherFailureGoesStraightToTheDeadLetterTopic() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> Redelivery.untilStored(() -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("not a patron message");
        }, w -> { }, "message")).isInstanceOf(IllegalArgumentException.class);
        assertThat(attempts).hasValue(1);
    }
}
