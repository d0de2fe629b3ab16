package org.tanyapustaka.routing.handover;

import static org.tanyapustaka.routing.handover.HandoverLifecycle.conversationOf;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.ConversationEvent.Reasons;
import org.tanyapustaka.events.ConversationEvent.Type;
import org.tanyapustaka.routing.conversation.Conversation;

/**
 * The queue and its housekeeping: who gets a waiting conversation, librarians going online and offline, handovers
 * idle for too long. Assignment takes a transaction-scoped advisory lock, so two triggers (a librarian coming online
 * while a patron asks) never assign the same librarian beyond capacity or the same handover twice.
 */
@ApplicationScoped
public class HandoverQueue {

    private static final Logger LOG = Logger.getLogger(HandoverQueue.class);
    private static final long ASSIGNMENT_LOCK = 0x74616e79_61000001L;

    @Inject
    HandoverLifecycle lifecycle;

    @Inject
    ServiceHours hours;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "routing.handover.idle-timeout", defaultValue = "PT4H")
    Duration idleTimeout;

    /** Assigns waiting handovers, oldest first, while service hours are on and an online librarian has room. */
    @Transactional
    public int assignWaiting() {
        lockAssignment();
        if (!hours.isOpen(Instant.now())) {
            return 0;
        }
        int assigned = 0;
        for (Handover handover : Handover.waiting()) {
            Optional<Librarian> librarian = freeLibrarian();
            if (librarian.isEmpty()) {
                break;
            }
            assign(handover, librarian.get(), conversationOf(handover));
            assigned++;
        }
        return assigned;
    }

    /** Every minute: the waiting backlog at opening time, and handovers idle for longer than the timeout. */
    @Scheduled(every = "${routing.handover.check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void housekeeping() {
        try {
            assignWaiting();
            closeIdle();
            forgetOrphanStatuses();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Handover housekeeping failed; it runs again in a minute");
        }
    }

    /** Statuses of messages no conversation knows (e.g. sent by another system on the same number) are kept 2 days. */
    @Transactional
    void forgetOrphanStatuses() {
        em.createNativeQuery("DELETE FROM early_delivery_status WHERE at < now() - interval '2 days'").executeUpdate();
    }

    /** Closes handovers with a librarian and no message for longer than the idle timeout; served ones ask for a rating. */
    @Transactional
    public int closeIdle() {
        Instant cutoff = Instant.now().minus(idleTimeout);
        List<Handover> idle = Handover.list("status = ?1 AND lastActivityAt < ?2", Handover.ASSIGNED, cutoff);
        for (Handover stale : idle) {
            Handover handover = Handover.locked(stale.id).orElseThrow();
            if (!Handover.ASSIGNED.equals(handover.status) || !handover.lastActivityAt.isBefore(cutoff)) {
                continue;
            }
            Conversation conversation = conversationOf(handover);
            boolean served = handover.firstReplyAt != null;
            lifecycle.close(handover, conversation, handover.librarian, Reasons.IDLE_TIMEOUT);
            String body = HandoverReplies.closedIdle(Math.max(1, idleTimeout.toHours()), conversation.language);
            if (served) {
                lifecycle.askForRating(conversation, handover, body);
            } else {
                lifecycle.notify(conversation, handover, "notice-closed", body);
            }
        }
        return idle.size();
    }

    /** A librarian changes status; going offline returns their conversations to the queue. */
    @Transactional
    public Librarian setStatus(String username, String status) {
        Librarian librarian = Librarian.account(username);
        if (!librarian.status.equals(status)) {
            librarian.status = status;
            librarian.statusChangedAt = Instant.now();
        }
        if (Librarian.OFFLINE.equals(status)) {
            lockAssignment();
            for (Handover handover : Handover.<Handover>list("status = ?1 AND librarian = ?2 ORDER BY requestedAt",
                    Handover.ASSIGNED, username)) {
                requeue(handover, librarian);
            }
        }
        em.flush();
        assignWaiting();
        return librarian;
    }

    private void requeue(Handover handover, Librarian previous) {
        Conversation conversation = conversationOf(handover);
        handover.status = Handover.QUEUED;
        handover.librarian = null;
        handover.queuedTimes++;
        em.flush();
        lifecycle.event(handover, "queued-" + handover.queuedTimes, Type.QUEUED, previous.username, null, null,
                Instant.now());
        lifecycle.notify(conversation, handover, "notice-queued-" + handover.queuedTimes,
                HandoverReplies.backInQueue(previous.displayName, handover.queuePosition(), conversation.language));
    }

    /** Gives the handover to the librarian and tells the patron who answers now. Call {@link #lockAssignment} first. */
    void assign(Handover handover, Librarian librarian, Conversation conversation) {
        Instant now = Instant.now();
        handover.status = Handover.ASSIGNED;
        handover.librarian = librarian.username;
        handover.assignedAt = now;
        handover.assignments++;
        librarian.lastAssignedAt = now;
        lifecycle.event(handover, "assigned-" + handover.assignments, Type.ASSIGNED, librarian.username, null, null, now);
        String body = handover.assignments > 1 // transferred, or taken up again after the queue
                ? HandoverReplies.continuedBy(librarian.displayName, conversation.language)
                : HandoverReplies.connected(librarian.displayName, conversation.language);
        lifecycle.notify(conversation, handover, "notice-assigned-" + handover.assignments, body);
        LOG.infof("Handover %s assigned to %s", handover.id, librarian.username);
    }

    /** The online librarian with room and the fewest open conversations; among equals the one assigned longest ago. */
    Optional<Librarian> freeLibrarian() {
        @SuppressWarnings("unchecked")
        List<String> usernames = em.createNativeQuery("""
                SELECT l.username FROM librarian l
                LEFT JOIN handover h ON h.librarian = l.username AND h.status = 'assigned'
                WHERE l.status = 'online'
                GROUP BY l.username
                HAVING count(h.id) < l.capacity
                ORDER BY count(h.id), l.last_assigned_at NULLS FIRST, l.username
                LIMIT 1""").getResultList();
        return usernames.stream().findFirst().flatMap(Librarian::byUsername);
    }

    /** Serialises assignment until the transaction ends. */
    void lockAssignment() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, ASSIGNMENT_LOCK).getSingleResult();
    }
}
