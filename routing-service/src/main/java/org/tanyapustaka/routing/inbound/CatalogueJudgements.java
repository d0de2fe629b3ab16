package org.tanyapustaka.routing.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.CatalogJudgeRequest;
import org.tanyapustaka.events.CatalogJudgement;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.events.Redelivery;
import org.tanyapustaka.events.Topics;
import org.tanyapustaka.routing.conversation.Conversation;
import org.tanyapustaka.routing.conversation.ConversationFlow;
import org.tanyapustaka.routing.conversation.Outbox;

/**
 * The catalogue's judgement of messages the bot did not understand. The message is asked about on
 * {@code catalog.judge.requests} and kept in {@code catalogue_judgement} until it is settled, once, by whichever
 * comes first: the catalogue's judgement ({@code catalog.judgements}: a strong match is answered with its search
 * answer) or the end of the bounded wait ({@code routing.catalogue-judge.wait}; catalog-service down or slow), after
 * which the patron gets "not understood" as without the catalogue. Settling locks the conversation and claims the
 * row in one transaction with its effects, so a late or repeated judgement finds the row settled and sends nothing:
 * one reply per message. (Both replies would also carry the same command id, which the gateway sends at most once.)
 */
@ApplicationScoped
public class CatalogueJudgements {

    private static final Logger LOG = Logger.getLogger(CatalogueJudgements.class);
    private static final int OVERDUE_BATCH = 100;

    @Inject
    ConversationFlow flow;

    @Inject
    Outbox outbox;

    @Inject
    PatronMessageListener listener;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "routing.catalogue-judge.wait", defaultValue = "4s")
    Duration wait;

    /** Asks the catalogue, in the transaction that handles the message; the reply waits for the judgement. */
    void ask(PatronMessage message, Conversation conversation, CatalogJudgeRequest request, double confidence) {
        outbox.judge(request);
        Instant now = Instant.now();
        String stored;
        try {
            stored = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A patron message that cannot be written as JSON: " + message.id(), e);
        }
        Panache.getEntityManager().createNativeQuery("""
                INSERT INTO catalogue_judgement (id, conversation_id, wa_id, message, confidence, asked_at, due_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, request.id()).setParameter(2, conversation.id).setParameter(3, message.waId())
                .setParameter(4, stored).setParameter(5, confidence).setParameter(6, now)
                .setParameter(7, now.plus(wait)).executeUpdate();
    }

    @Incoming(Topics.CATALOG_JUDGEMENTS)
    @Blocking
    public void onJudgement(CatalogJudgement judgement) {
        Redelivery.untilStored(() -> settle(judgement.requestId(), judgement), LOG::warn,
                "catalogue judgement " + judgement.id());
    }

    /** Every second: messages whose judgement did not come in time get "not understood" without it. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void settleOverdue() {
        try {
            for (UUID id : overdue()) {
                settle(id, null);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Settling overdue catalogue judgements failed; it runs again in a second");
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<UUID> overdue() {
        return Panache.getEntityManager().createNativeQuery("""
                SELECT id FROM catalogue_judgement WHERE settled_at IS NULL AND due_at <= now()
                ORDER BY due_at LIMIT ?1""", UUID.class).setParameter(1, OVERDUE_BATCH).getResultList();
    }

    /**
     * Settles one message, once: with the catalogue's judgement, or without it ({@code judgement} null, the wait
     * ran out). Nothing happens for a message settled before or never asked about.
     */
    @Transactional
    void settle(UUID id, CatalogJudgement judgement) {
        EntityManager em = Panache.getEntityManager();
        List<Object[]> rows = em.createNativeQuery("""
                SELECT conversation_id, message, confidence FROM catalogue_judgement
                WHERE id = ?1 AND settled_at IS NULL""").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            LOG.debugf("Catalogue judgement of %s: settled before (or never asked)", id);
            return;
        }
        Object[] row = rows.get(0);
        Conversation conversation = Conversation.locked((UUID) row[0]).orElseThrow();
        boolean strong = judgement != null && judgement.strong() && judgement.answer() != null
                && !judgement.answer().isBlank();
        String outcome = conversation.activeHandoverId != null ? "silent" : strong ? "search" : "not_understood";
        int claimed = em.createNativeQuery("""
                UPDATE catalogue_judgement SET settled_at = now(), outcome = ?2 WHERE id = ?1 AND settled_at IS NULL""")
                .setParameter(1, id).setParameter(2, outcome).executeUpdate();
        if (claimed == 0) {
            return; // settled meanwhile, by the other way: its reply is the one
        }
        PatronMessage message;
        try {
            message = json.readValue((String) row[1], PatronMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored patron message cannot be read: " + id, e);
        }
        switch (outcome) {
            case "silent" -> LOG.debugf("Message %s: a librarian took over before the catalogue judged it",
                    message.wamid());
            case "search" -> listener.act(message, conversation,
                    flow.judgedAsSearch(message, conversation, judgement.requestId(), judgement.answer()));
            default -> listener.act(message, conversation,
                    flow.notUnderstood(message, conversation, ((Number) row[2]).doubleValue()));
        }
        LOG.debugf("Message %s: catalogue judgement %s%s", message.wamid(), outcome,
                judgement == null ? " (none in time)" : "");
    }
}
