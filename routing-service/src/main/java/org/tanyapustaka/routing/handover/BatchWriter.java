package org.tanyapustaka.routing.handover;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.Redelivery;

/**
 * Stores the records of one poll in one transaction and acknowledges them with one offset commit, instead of a
 * transaction and a commit per record. What the record-by-record consumer guaranteed still holds:
 * <ul>
 * <li>while the database is unreachable the whole batch is tried again ({@link Redelivery#untilStored}), holding
 * back the partitions;</li>
 * <li>a record that cannot be stored goes to the topic's dead-letter topic alone: when the batch's transaction
 * fails, its records are stored again one by one, each in its own transaction, and only those that fail
 * are dead-lettered;</li>
 * <li>a record the deserializer could not read (SmallRye leaves it in the batch without a payload; it dead-letters
 * such records itself only outside batch mode) is dead-lettered with its original bytes;</li>
 * <li>the batch's offsets are committed only after its dead letters are on the dead-letter topic, so a crash
 * before that delivers the whole batch again, and writing it again changes nothing (each write is an idempotent
 * upsert).</li>
 * </ul>
 */
final class BatchWriter {

    private BatchWriter() {
    }

    /**
     * Stores the batch with {@code write}, called in a transaction with all the readable payloads, or with one at a
     * time after the batch's transaction failed.
     */
    static <T> CompletionStage<Void> store(KafkaRecordBatch<String, T> batch, Consumer<List<T>> write, Logger log,
            String what) {
        List<KafkaRecord<String, T>> readable = new ArrayList<>();
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, T> record : batch) {
            if (record.getPayload() == null) {
                deadLetters.add(deadLetter(record, new IllegalArgumentException("Unreadable " + what + " at "
                        + record.getTopic() + "-" + record.getPartition() + "@"
                        + record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L)
                        + ": " + header(record, DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON))));
            } else {
                readable.add(record);
            }
        }
        if (readable.size() == 1) {
            storeAlone(readable.get(0), write, log, what, deadLetters);
        } else if (!readable.isEmpty()) {
            try {
                List<T> payloads = readable.stream().map(KafkaRecord::getPayload).toList();
                Redelivery.untilStored(() -> QuarkusTransaction.requiringNew().run(() -> write.accept(payloads)),
                        log::warn, readable.size() + " records of " + what);
                log.debugf("Stored %d records of %s in one transaction", readable.size(), what);
            } catch (RuntimeException batchFailure) {
                log.warnf("Could not store %d records of %s together (%s); storing them one by one", readable.size(),
                        what, batchFailure.toString());
                for (KafkaRecord<String, T> record : readable) {
                    storeAlone(record, write, log, what, deadLetters);
                }
            }
        }
        return CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).thenCompose(done -> batch.ack());
    }

    private static <T> void storeAlone(KafkaRecord<String, T> record, Consumer<List<T>> write, Logger log, String what,
            List<CompletableFuture<Void>> deadLetters) {
        try {
            Redelivery.untilStored(() -> QuarkusTransaction.requiringNew().run(() -> write.accept(
                    List.of(record.getPayload()))), log::warn, what);
        } catch (RuntimeException failure) {
            deadLetters.add(deadLetter(record, failure));
        }
    }

    /** Hands the record to the channel's failure strategy: the dead-letter topic, which then acknowledges it. */
    private static CompletableFuture<Void> deadLetter(KafkaRecord<String, ?> record, Throwable reason) {
        return record.nack(reason).toCompletableFuture();
    }

    private static String header(KafkaRecord<String, ?> record, String name) {
        Header header = record.getHeaders().lastHeader(name);
        return header == null ? "no payload" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
