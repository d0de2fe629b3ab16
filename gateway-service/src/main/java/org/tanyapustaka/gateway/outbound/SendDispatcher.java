package org.tanyapustaka.gateway.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.gateway.WhatsAppConfig;
import org.tanyapustaka.gateway.outbound.GraphApiCall.Accepted;
import org.tanyapustaka.gateway.outbound.GraphApiCall.NoAnswer;
import org.tanyapustaka.gateway.outbound.GraphApiCall.NotSent;
import org.tanyapustaka.gateway.outbound.GraphApiCall.Outcome;
import org.tanyapustaka.gateway.outbound.GraphApiCall.Refused;

/**
 * Sends queued commands: one lane per patron, so a patron's messages go out in order and spaced, while patrons
 * do not wait for each other; a rate limiter keeps the number under its throughput; retryable errors are retried
 * with exponential backoff and jitter (4^n for the pair rate limit); a call without an answer is never repeated.
 */
@ApplicationScoped
public class SendDispatcher {

    private static final Logger LOG = Logger.getLogger(SendDispatcher.class);

    @Inject
    WhatsAppConfig config;

    @Inject
    GraphApiCall graph;

    @Inject
    MediaUpload uploads;

    @Inject
    SendResults results;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    private final Map<String, Lane> lanes = new HashMap<>();
    /** Commands whose final outcome this gateway recorded lately, most recent last; a bounded memory. */
    private final Map<UUID, Boolean> settled = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > 10_000;
        }
    };
    private ScheduledExecutorService clock;
    private ExecutorService senders;
    private RateLimiter limiter;

    /** A patron's queue: commands in arrival order, at most one of them being sent at a time. */
    private static final class Lane {
        final String waId;
        final ArrayDeque<UUID> commands = new ArrayDeque<>();
        Instant lastSentAt = Instant.EPOCH;

        Lane(String waId) {
            this.waId = waId;
        }
    }

    void onStart(@Observes StartupEvent event) {
        clock = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "send-dispatcher-clock"));
        senders = Executors.newFixedThreadPool(config.send().workers(), r -> new Thread(r, "graph-api-sender"));
        limiter = new RateLimiter(config.send().ratePerSecond());
        clock.execute(this::recover);
        long sweep = Math.max(1, config.send().staleAfter().toSeconds() / 2);
        clock.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        clock.shutdownNow();
        senders.shutdown();
        try {
            senders.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a stored command on its patron's lane. */
    public void submit(String waId, UUID commandId) {
        synchronized (lanes) {
            Lane lane = lanes.get(waId);
            if (lane == null) {
                lane = new Lane(waId);
                lanes.put(waId, lane);
                lane.commands.add(commandId);
                schedule(lane, Duration.ZERO);
            } else if (!lane.commands.contains(commandId)) {
                lane.commands.add(commandId);
            }
        }
    }

    /**
     * After a restart: queued commands are sent. Commands that were in flight are never sent again (only queued
     * ones can be claimed); the sweep records them as uncertain once they are stale, which also leaves the
     * in-flight sends of other replicas alone.
     */
    private void recover() {
        try {
            QuarkusTransaction.requiringNew().call(OutboundSend::queued)
                    .forEach(send -> submit(send.waId, send.commandId));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not recover the send queue; it is retried by the next sweep");
        }
    }

    /** Commands whose sender stopped mid-call become uncertain; queued commands nobody holds are taken up. */
    private void sweep() {
        try {
            sweepInFlight(Instant.now().minus(config.send().staleAfter()));
            resendUnconfirmed(Instant.now().minus(config.send().confirmWithin()));
            for (OutboundSend send : QuarkusTransaction.requiringNew().call(OutboundSend::queued)) {
                if (send.nextAttemptAt == null || send.nextAttemptAt.isBefore(Instant.now().minus(config.send().staleAfter()))) {
                    submit(send.waId, send.commandId);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Send queue sweep failed: %s", e.toString());
        }
    }

    /**
     * WhatsApp reported statuses of messages sent with these command ids (command id → wamid): a send whose outcome
     * was not recorded (the answer was lost, or arrived while the send log could not be written) is now known to be
     * sent, with this wamid, and is never sent again. Whichever of this and the sender's own record comes first
     * publishes the result. All in one transaction; commands whose outcome this gateway recorded a moment ago (the
     * usual case: the Graph API answered before the status webhook came) are not looked up at all.
     */
    public void confirmed(Map<UUID, String> wamids) {
        Map<UUID, String> open = new HashMap<>(wamids);
        synchronized (settled) {
            open.keySet().removeAll(settled.keySet());
        }
        if (open.isEmpty()) {
            return;
        }
        Map<UUID, OutboundSend.Settled> confirmed = QuarkusTransaction.requiringNew().call(() -> {
            Map<UUID, OutboundSend.Settled> now = new HashMap<>();
            open.forEach((commandId, wamid) -> OutboundSend.confirm(commandId, wamid)
                    .ifPresent(send -> now.put(commandId, send)));
            return now;
        });
        confirmed.forEach((commandId, send) -> {
            String wamid = open.get(commandId);
            LOG.infof("Command %s: WhatsApp reported %s, so the send was taken; not sent again", commandId, wamid);
            metrics.counter("whatsapp.sends", "outcome", "confirmed", "code", "0").increment();
            remember(commandId);
            results.publish(commandId, send.waId(), wamid, null, null, false, send.attempts());
        });
    }

    /** Outcomes SENT and FAILED are final (a status can no longer change them): remembered for {@link #confirmed}. */
    private void remember(UUID commandId) {
        synchronized (settled) {
            settled.put(commandId, Boolean.TRUE);
        }
    }

    /** Uncertain sends that no status webhook confirmed in time were not taken by WhatsApp: they go again. */
    private void resendUnconfirmed(Instant uncertainBefore) {
        for (OutboundSend stale : QuarkusTransaction.requiringNew().call(() -> OutboundSend.uncertainSince(uncertainBefore))) {
            boolean requeued = QuarkusTransaction.requiringNew().call(() -> {
                OutboundSend send = OutboundSend.findById(stale.commandId);
                if (send.state != OutboundSend.State.UNCERTAIN) {
                    return false;
                }
                send.state = OutboundSend.State.QUEUED;
                send.nextAttemptAt = Instant.now();
                send.completedAt = null;
                return true;
            });
            if (requeued) {
                LOG.warnf("Command %s to %s: no status from WhatsApp within %s of the lost answer; sending it again",
                        stale.commandId, stale.waId, config.send().confirmWithin());
                submit(stale.waId, stale.commandId);
            }
        }
    }

    private void sweepInFlight(Instant startedBefore) {
        for (OutboundSend send : QuarkusTransaction.requiringNew().call(() -> OutboundSend.inFlightSince(startedBefore))) {
            LOG.warnf("Command %s to %s was in flight when its sender stopped: uncertain until WhatsApp reports it "
                    + "or %s pass", send.commandId, send.waId, config.send().confirmWithin());
            finish(send.commandId, send.waId, OutboundSend.State.UNCERTAIN, null, 0,
                    "no answer from the Graph API before the gateway stopped: outcome unknown", false);
        }
    }

    private void schedule(Lane lane, Duration delay) {
        Duration spacing = Duration.between(Instant.now(), lane.lastSentAt.plus(config.send().patronSpacing()));
        long millis = Math.max(delay.toMillis(), spacing.toMillis());
        clock.schedule(() -> senders.execute(() -> attemptHead(lane)), Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    private void attemptHead(Lane lane) {
        UUID commandId;
        synchronized (lanes) {
            commandId = lane.commands.peek();
            if (commandId == null) {
                lanes.remove(lane.waId);
                return;
            }
        }
        long wait = limiter.reserve();
        if (wait > 0) {
            Timer.builder("whatsapp.send.rate_limit_wait").register(metrics).record(Duration.ofNanos(wait));
            sleep(wait);
        }
        Duration retryIn = null;
        try {
            retryIn = attempt(commandId);
        } catch (RuntimeException e) {
            // The database is unreachable: the command stays queued and is retried.
            LOG.warnf("Could not send command %s now (%s); retrying", commandId, e.toString());
            retryIn = config.send().backoffBase();
        }
        synchronized (lanes) {
            if (retryIn == null) {
                lane.commands.poll();
                lane.lastSentAt = Instant.now();
            }
        }
        schedule(lane, retryIn == null ? Duration.ZERO : retryIn);
    }

    /** One attempt at the command; returns when to try again, or null when it is done. */
    private Duration attempt(UUID commandId) {
        java.util.Optional<OutboundSend.Claimed> claimed = QuarkusTransaction.requiringNew()
                .call(() -> OutboundSend.claim(commandId));
        if (claimed.isEmpty()) {
            return null; // sent, failed or uncertain already, or claimed by another replica
        }
        OutboundSend.Claimed send = claimed.get();
        OutboundMessage command;
        try {
            command = json.readValue(send.command(), OutboundMessage.class);
        } catch (Exception e) {
            finish(commandId, send.waId(), OutboundSend.State.FAILED, null, 0, "unreadable stored command", false);
            return null;
        }
        int attempt = send.attempts();
        String mediaId = null;
        if (command.kind() == OutboundMessage.Kind.DOCUMENT || command.kind() == OutboundMessage.Kind.IMAGE) {
            // Upload first (again only if no earlier attempt did): the upload sends nothing to the patron, the send
            // below is the one call the send log guards.
            mediaId = send.mediaId();
            if (mediaId == null) {
                MediaUpload.Result upload = uploads.upload(command.media());
                if (upload instanceof MediaUpload.Failed failed) {
                    metrics.counter("whatsapp.media.uploads", "outcome", "failed", "code", String.valueOf(failed.code()))
                            .increment();
                    if (failed.retryable() && attempt < config.send().maxAttempts()) {
                        return requeue(commandId, attempt, failed.code(), failed.title());
                    }
                    finish(commandId, send.waId(), OutboundSend.State.FAILED, null, failed.code(), failed.title(),
                            failed.retryable());
                    return null;
                }
                mediaId = ((MediaUpload.Uploaded) upload).mediaId();
                metrics.counter("whatsapp.media.uploads", "outcome", "uploaded", "code", "0").increment();
                String uploaded = mediaId;
                QuarkusTransaction.requiringNew().run(() -> OutboundSend.uploaded(commandId, uploaded));
            }
        }
        long started = System.nanoTime();
        Outcome outcome = graph.send(command, mediaId);
        Timer.builder("whatsapp.send.latency").publishPercentileHistogram().register(metrics)
                .record(Duration.ofNanos(System.nanoTime() - started));
        if (outcome instanceof Accepted accepted) {
            results.tokenWorks();
            finish(commandId, send.waId(), OutboundSend.State.SENT, accepted.wamid(), 0, null, false);
            return null;
        }
        if (outcome instanceof Refused refused) {
            if (refused.code() == GraphApiCall.TOKEN_EXPIRED) {
                results.tokenExpired(refused.title());
            }
            if (refused.retryable() && attempt < config.send().maxAttempts()) {
                return requeue(commandId, attempt, refused.code(), refused.title());
            }
            finish(commandId, send.waId(), OutboundSend.State.FAILED, null, refused.code(), refused.title(),
                    refused.retryable());
            return null;
        }
        if (outcome instanceof NotSent notSent) {
            if (attempt < config.send().maxAttempts()) {
                return requeue(commandId, attempt, 0, notSent.reason());
            }
            finish(commandId, send.waId(), OutboundSend.State.FAILED, null, 0,
                    "the Graph API could not be reached: " + notSent.reason(), true);
            return null;
        }
        finish(commandId, send.waId(), OutboundSend.State.UNCERTAIN, null, 0,
                "no answer from the Graph API: outcome unknown (" + ((NoAnswer) outcome).reason() + ")", false);
        return null;
    }

    private Duration requeue(UUID commandId, int attempt, int code, String why) {
        Duration delay = backoff(attempt, code);
        metrics.counter("whatsapp.send.retries", "code", String.valueOf(code)).increment();
        LOG.infof("Command %s: attempt %d refused (%d %s); retrying in %d ms", commandId, attempt, code, why,
                delay.toMillis());
        boolean requeued = QuarkusTransaction.requiringNew().call(() -> {
            OutboundSend send = OutboundSend.findById(commandId);
            if (send.state != OutboundSend.State.SENDING) {
                return false; // recorded as uncertain by the sweep meanwhile: never sent again
            }
            send.state = OutboundSend.State.QUEUED;
            send.nextAttemptAt = Instant.now().plus(delay);
            send.errorCode = code;
            send.errorTitle = why;
            return true;
        });
        return requeued ? delay : null;
    }

    /** Exponential backoff with jitter; 4^n units for the pair rate limit. */
    Duration backoff(int attempt, int code) {
        if (code == GraphApiCall.PAIR_RATE_LIMIT) {
            return config.send().pairBackoffUnit().multipliedBy((long) Math.pow(4, attempt));
        }
        long base = config.send().backoffBase().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, config.send().backoffMax().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /**
     * Records the outcome of the attempt in flight and publishes it — only if the command is still in flight: the
     * sweep and a late answer cannot both record an outcome for the same attempt.
     */
    private void finish(UUID commandId, String waId, OutboundSend.State state, String wamid, int code, String title,
            boolean retryable) {
        boolean sent = state == OutboundSend.State.SENT;
        Integer attempts = QuarkusTransaction.requiringNew().call(() -> OutboundSend.finish(commandId, state, wamid,
                sent ? null : Integer.valueOf(code), sent ? null : title, sent ? null : Boolean.valueOf(retryable)))
                .orElse(null);
        if (attempts == null) {
            if (state == OutboundSend.State.SENT) {
                // Usual when WhatsApp's status webhook is faster than the Graph API's answer: settled already.
                LOG.debugf("Command %s: sent, and already settled by its status webhook", commandId);
            } else {
                LOG.warnf("Command %s: outcome %s arrived after the command was no longer in flight; not recorded twice",
                        commandId, state);
            }
            return;
        }
        metrics.counter("whatsapp.sends", "outcome", state.name().toLowerCase(), "code", String.valueOf(code)).increment();
        if (state != OutboundSend.State.SENT) {
            LOG.warnf("Command %s to %s: %s after %d attempt(s): %d %s", commandId, waId, state, attempts, code, title);
        }
        if (state == OutboundSend.State.UNCERTAIN) {
            return; // the result is published once WhatsApp confirms it, or after it is sent again
        }
        remember(commandId);
        results.publish(commandId, waId, wamid, state == OutboundSend.State.SENT ? null : code, title, retryable, attempts);
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands out send slots at a fixed rate: each caller learns how long to wait for its slot. */
    static final class RateLimiter {
        private final long intervalNanos;
        private long nextFree = System.nanoTime();

        RateLimiter(int perSecond) {
            this.intervalNanos = 1_000_000_000L / Math.max(1, perSecond);
        }

        synchronized long reserve() {
            long now = System.nanoTime();
            long slot = Math.max(now, nextFree);
            nextFree = slot + intervalNanos;
            return slot - now;
        }
    }
}
