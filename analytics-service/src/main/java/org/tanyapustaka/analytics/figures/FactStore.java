package org.tanyapustaka.analytics.figures;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.Redelivery;

/**
 * How every analytics consumer stores an event's facts: one transaction, repeated while the database is briefly
 * unreachable (a restart, a failover), as the other services' consumers do ({@link Redelivery}); only an event
 * that is wrong in itself, or a database gone for longer than {@link Redelivery#PATIENCE}, reaches the dead-letter
 * topic. Without this a PostgreSQL restart sent every event consumed meanwhile there, and the figures lost it.
 */
@ApplicationScoped
public class FactStore {

    private static final Logger LOG = Logger.getLogger(FactStore.class);

    @Inject
    MeterRegistry metrics;

    /** Runs the work (a {@code @Transactional} method) until it is stored. */
    public void untilStored(String what, Runnable work) {
        Redelivery.untilStored(work, warning -> {
            metrics.counter("analytics.store.retries").increment();
            LOG.warn(warning);
        }, what);
    }
}
