package org.tanyapustaka.catalog.answer;

import org.tanyapustaka.events.Redelivery;
import org.jboss.logging.Logger;
import io.smallrye.common.annotation.Blocking;
import io.quarkus.hibernate.orm.panache.Panache;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.tanyapustaka.catalog.record.CatalogRecord;
import org.tanyapustaka.catalog.search.CatalogSearch;
import org.tanyapustaka.catalog.search.ChatQuery;
import org.tanyapustaka.catalog.search.SearchResult;
import org.tanyapustaka.events.CatalogQuery;
import org.tanyapustaka.events.CatalogSearchPerformed;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.Topics;

/**
 * Answers each catalogue question straight onto {@code whatsapp.outbound}, once: a search (a page of numbered
 * results), the next page of a previous list ({@code previousQueryId} + {@code page}), a number from a previous
 * list ({@code previousQueryId} + the number as {@code text}), or a record ({@code recordId}). Every search is
 * also published on {@code catalog.searches}.
 */
@ApplicationScoped
public class CatalogQueryListener {

    private static final Logger LOG = Logger.getLogger(CatalogQueryListener.class);

    /** Not the name of an incoming channel: SmallRye would otherwise wire it in memory. */
    public static final String OUTBOUND_CHANNEL = "whatsapp-outbound";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    CatalogSearch search;

    @Inject
    @Channel(OUTBOUND_CHANNEL)
    MutinyEmitter<OutboundMessage> outbound;

    @Inject
    @Channel(Topics.CATALOG_SEARCHES)
    MutinyEmitter<CatalogSearchPerformed> searches;

    @Incoming(Topics.CATALOG_QUERIES)
    @Blocking
    public void onQuery(CatalogQuery query) {
        Redelivery.untilStored(() -> answer(query),
                LOG::warn,
                "catalogue question " + query.id());
    }

    /** One attempt, in one transaction: a database restart rolls it back and the attempt is repeated whole. */
    @Transactional
    void answer(CatalogQuery query) {
        if (!firstTime(query.id())) {
            return;
        }
        String language = "en".equals(query.language()) ? "en" : "id";
        if (query.recordId() != null) {
            reply(query, details(query, query.recordId(), language));
            return;
        }
        CatalogQueryLog previous = query.previousQueryId() == null ? null
                : CatalogQueryLog.findById(query.previousQueryId());
        if (previous != null && query.text() != null && query.text().strip().matches("\\d{1,4}")) {
            int number = Integer.parseInt(query.text().strip());
            int index = number - previous.firstNumber;
            if (index < 0 || index >= previous.resultIds.length) {
                reply(query, text(query, CatalogReplies.noSuchNumber(number, language)));
            } else {
                reply(query, details(query, previous.resultIds[index], language));
            }
            return;
        }
        if (previous != null && query.page() != null) {
            int page = Math.max(query.page(), previous.page + 1);
            searchAndReply(query, previous.queryText, page, language);
            return;
        }
        searchAndReply(query, query.text() == null ? "" : query.text(), 1, language);
    }

    private void searchAndReply(CatalogQuery query, String text, int page, String language) {
        ChatQuery chat = ChatQuery.parse(text);
        if (chat.isEmpty()) {
            reply(query, text(query, CatalogReplies.emptyQuery(language)));
            return;
        }
        SearchResult result = search.search(chat, page);
        int firstNumber = (page - 1) * CatalogSearch.PAGE_SIZE + 1;
        CatalogQueryLog.shown(query.id(), query.waId(), text, language, page, firstNumber, result);

        OutboundMessage answer;
        if (result.total() == 0) {
            answer = new OutboundMessage(answerId(query), query.waId(), OutboundMessage.Kind.BUTTONS,
                    CatalogReplies.noResult(searched(chat, result), result.suggestions(), language),
                    List.of(new OutboundMessage.Button("menu:human_handover", "en".equals(language) ? "Ask a librarian" : "Tanya pustakawan"),
                            new OutboundMessage.Button("menu:menu", "Menu")),
                    null, null, null, OutboundMessage.Origin.CATALOG, query.conversationId(), query.id(), null);
        } else if (result.hits().isEmpty()) {
            answer = text(query, CatalogReplies.noMore(language));
        } else {
            answer = text(query, CatalogReplies.resultList(searched(chat, result), result, firstNumber, language));
        }
        reply(query, answer);
        if (page == 1) {
            performed(searches, query.id(), query.waId(), text, result);
        }
    }

    /** Publishes a first-page search on {@code catalog.searches}, with an id derived from the question's. */
    static void performed(MutinyEmitter<CatalogSearchPerformed> searches, UUID queryId, String waId, String text,
            SearchResult result) {
        UUID id = EventIds.derive(queryId, "search");
        searches.sendMessageAndAwait(keyed(new CatalogSearchPerformed(id, waId, text, result.terms(), result.total(),
                result.totalExact(), result.tookMillis()), waId, id));
    }

    /** The words searched, as the reply names them: "pemrograman" for "cari buku pemrograman dong kak". */
    static String searched(ChatQuery chat, SearchResult result) {
        if (chat.isbn() != null) {
            return "ISBN " + chat.isbn();
        }
        return String.join(" ", result.terms().isEmpty() ? chat.terms() : result.terms());
    }

    private OutboundMessage details(CatalogQuery query, long recordId, String language) {
        CatalogRecord record = CatalogRecord.findById(recordId);
        return text(query, record == null ? CatalogReplies.recordGone(language) : CatalogReplies.details(record, language));
    }

    private void reply(CatalogQuery query, OutboundMessage message) {
        outbound.sendMessageAndAwait(keyed(message, query.waId(), message.commandId()));
    }

    private static OutboundMessage text(CatalogQuery query, String body) {
        return OutboundMessage.text(answerId(query), query.waId(), body, OutboundMessage.Origin.CATALOG,
                query.conversationId(), query.id());
    }

    private static UUID answerId(CatalogQuery query) {
        return EventIds.derive(query.id(), "answer");
    }

    static <T> Message<T> keyed(T payload, String waId, UUID id) {
        return Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(waId).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(id.toString()).build());
    }

    private static boolean firstTime(UUID eventId) {
        return firstTime(eventId, Topics.CATALOG_QUERIES);
    }

    /** Remembers an event of {@code topic} as handled; false when it was handled before. */
    static boolean firstTime(UUID eventId, String topic) {
        return Panache.getEntityManager().createNativeQuery("""
                INSERT INTO processed_event (event_id, topic, processed_at) VALUES (?1, ?2, now())
                ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, eventId).setParameter(2, topic).executeUpdate() == 1;
    }
}
