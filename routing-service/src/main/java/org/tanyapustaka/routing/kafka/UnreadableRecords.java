package org.tanyapustaka.routing.kafka;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a consumer does with a record whose value its deserializer cannot read (not JSON, or not the event it
 * expects): the record goes on with no payload and headers saying why, and the channel's dead-letter strategy puts
 * its original bytes on the dead-letter topic. Without a handler SmallRye treats such a record as fatal and closes
 * the consumer, so one bad record would stop the channel. Named by each incoming channel's
 * {@code value-deserialization-failure-handler}.
 */
@ApplicationScoped
@Identifier(UnreadableRecords.NAME)
public class UnreadableRecords implements DeserializationFailureHandler<Object> {

    public static final String NAME = "dead-letter-unreadable";
}
