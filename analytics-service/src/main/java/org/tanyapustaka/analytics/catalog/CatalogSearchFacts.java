package org.tanyapustaka.analytics.catalog;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.tanyapustaka.analytics.figures.FactStore;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.figures.Period;
import org.tanyapustaka.events.CatalogSearchPerformed;
import org.tanyapustaka.events.Topics;

/**
 * Catalogue searches, once each, with their normalised terms (the only patron words analytics keeps: collection
 * development needs them), hits and time taken. The event carries no time of its own: it is placed at its
 * CloudEvents {@code ce_time}, or the Kafka record's timestamp, never at its arrival here.
 */
@ApplicationScoped
public class CatalogSearchFacts {

    static final int MAX_TERMS_LENGTH = 200;

    @Inject
    FactStore store;

    @Incoming(Topics.CATALOG_SEARCHES)
    @Blocking
    public void onSearch(CatalogSearchPerformed search, IncomingKafkaRecordMetadata<String, ?> record) {
        store.untilStored("catalogue search " + (search == null ? null : search.id()), () -> record(search, record));
    }

    /** One attempt, in one transaction: a database restart rolls it back and the attempt is repeated whole. */
    @Transactional
    void record(CatalogSearchPerformed search, IncomingKafkaRecordMetadata<String, ?> record) {
        if (search == null || search.id() == null) {
            throw new IllegalArgumentException("A catalogue search without id");
        }
        Instant at = timeOf(record);
        String terms = terms(search);
        int hits = Math.max(0, search.hits());
        int tookMs = (int) Math.min(Integer.MAX_VALUE, Math.max(0, search.tookMs()));
        int inserted = Facts.update("""
                INSERT INTO search_fact (event_id, searched_at, terms, hits, took_ms) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (event_id) DO NOTHING""",
                search.id(), at, terms, hits, tookMs);
        if (inserted == 1) {
            LocalDate day = LocalDate.ofInstant(at, Period.LIBRARY_TIME);
            long withoutResult = search.hits() == 0 ? 1L : 0L;
            Facts.update("""
                    INSERT INTO search_terms_daily (day, terms, searches, without_result) VALUES (?1, ?2, 1, ?3)
                    ON CONFLICT (day, terms) DO UPDATE SET searches = search_terms_daily.searches + 1,
                      without_result = search_terms_daily.without_result + EXCLUDED.without_result""",
                    day, terms, withoutResult);
            Facts.update("""
                    INSERT INTO search_terms_monthly (month, terms, searches, without_result) VALUES (?1, ?2, 1, ?3)
                    ON CONFLICT (month, terms) DO UPDATE SET searches = search_terms_monthly.searches + 1,
                      without_result = search_terms_monthly.without_result + EXCLUDED.without_result""",
                    day.withDayOfMonth(1), terms, withoutResult);
            Facts.update("""
                    INSERT INTO search_value_daily (day, measure, value, n) VALUES (?1, 'h', ?2, 1), (?1, 't', ?3, 1)
                    ON CONFLICT (day, measure, value) DO UPDATE SET n = search_value_daily.n + 1""",
                    day, hits, tookMs);
            Facts.update("""
                    INSERT INTO search_value_monthly (month, measure, value, n) VALUES (?1, 'h', ?2, 1), (?1, 't', ?3, 1)
                    ON CONFLICT (month, measure, value) DO UPDATE SET n = search_value_monthly.n + 1""",
                    day.withDayOfMonth(1), hits, tookMs);
        }
    }

    /** The normalised terms, space-separated; the lower-cased query when the catalog gave none. */
    static String terms(CatalogSearchPerformed search) {
        String terms = search.normalizedTerms() != null && !search.normalizedTerms().isEmpty()
                ? String.join(" ", search.normalizedTerms())
                : search.query() == null ? "" : search.query();
        terms = terms.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
        return terms.length() > MAX_TERMS_LENGTH ? terms.substring(0, MAX_TERMS_LENGTH) : terms;
    }

    static Instant timeOf(IncomingKafkaRecordMetadata<String, ?> record) {
        if (record == null) {
            throw new IllegalStateException("No Kafka metadata on a catalogue search");
        }
        Header ceTime = record.getHeaders().lastHeader("ce_time");
        if (ceTime != null) {
            try {
                return java.time.OffsetDateTime.parse(new String(ceTime.value(), StandardCharsets.UTF_8)).toInstant();
            } catch (DateTimeParseException e) {
                // fall back to the record's own timestamp
            }
        }
        return record.getTimestamp();
    }
}
