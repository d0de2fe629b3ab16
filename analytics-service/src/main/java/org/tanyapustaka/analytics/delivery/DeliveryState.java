package org.tanyapustaka.analytics.delivery;

import org.tanyapustaka.events.DeliveryStatus;

/** A library message's delivery status, in the order it can only move: sent < delivered < read; failed is final. */
public enum DeliveryState {
    SENT(1, "sent"), DELIVERED(2, "delivered"), READ(3, "read"), FAILED(4, "failed");

    final int rank;
    final String dimension;

    DeliveryState(int rank, String dimension) {
        this.rank = rank;
        this.dimension = dimension;
    }

    static DeliveryState of(DeliveryStatus.Status status) {
        return valueOf(status.name());
    }

    static DeliveryState ofRank(int rank) {
        for (DeliveryState state : values()) {
            if (state.rank == rank) {
                return state;
            }
        }
        throw new IllegalArgumentException("No delivery state " + rank);
    }

    /** The state after this one when {@code reported} arrives: never lower, and nothing after failed. */
    DeliveryState then(DeliveryState reported) {
        return reported.rank > rank ? reported : this;
    }
}
