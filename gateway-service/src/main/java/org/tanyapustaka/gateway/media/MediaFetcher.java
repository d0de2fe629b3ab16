package org.tanyapustaka.gateway.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.gateway.WhatsAppConfig;
import org.tanyapustaka.gateway.webhook.InboundPublisher;

/**
 * Fetches the attachment of each patron message that has one — within the five minutes its WhatsApp URL is
 * valid, retrying failed downloads — stores it for librarians, and only then publishes the message, with the
 * media marked available or not. A message is never dropped because its attachment could not be fetched; it is
 * kept in the database from the moment the webhook is accepted, so a restart resumes where it stopped.
 */
@ApplicationScoped
public class MediaFetcher {

    private static final Logger LOG = Logger.getLogger(MediaFetcher.class);
    private static final Duration REPUBLISH_DELAY = Duration.ofSeconds(5);

    @Inject
    WhatsAppConfig config;

    @Inject
    MediaDownload download;

    @Inject
    InboundPublisher publisher;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    private ScheduledExecutorService workers;

    void onStart(@Observes StartupEvent event) {
        workers = Executors.newScheduledThreadPool(2, r -> new Thread(r, "media-fetcher"));
        workers.execute(() -> {
            try {
                QuarkusTransaction.requiringNew().call(PendingMediaMessage::oldestFirst)
                        .forEach(pending -> schedule(pending.wamid, Duration.ZERO));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not resume pending media downloads");
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
    }

    /** True when the message has an attachment to fetch before it is published. */
    public static boolean hasMedia(PatronMessage message) {
        return message.media() != null && message.media().id() != null;
    }

    /** Keeps the message durably (in the caller's acceptance of the webhook) and starts fetching its media. */
    public void accept(List<PatronMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            for (PatronMessage message : messages) {
                if (PendingMediaMessage.findById(message.wamid()) == null) {
                    PendingMediaMessage pending = new PendingMediaMessage();
                    pending.wamid = message.wamid();
                    pending.message = write(message);
                    pending.receivedAt = Instant.now();
                    pending.persist();
                }
            }
        });
        messages.forEach(message -> schedule(message.wamid(), Duration.ZERO));
    }

    private void schedule(String wamid, Duration delay) {
        workers.schedule(() -> fetch(wamid), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fetch(String wamid) {
        try {
            PendingMediaMessage pending = QuarkusTransaction.requiringNew().call(() -> PendingMediaMessage.<PendingMediaMessage>findById(wamid));
            if (pending == null) {
                return; // published already
            }
            PatronMessage message = json.readValue(pending.message, PatronMessage.class);
            PatronMessage.Media media = message.media();
            PatronMessage.Media result;
            try {
                MediaDownload.Downloaded file = fetchOrFail(media.id());
                QuarkusTransaction.requiringNew().run(() -> store(message, file));
                metrics.counter("whatsapp.media.downloads", "outcome", "stored").increment();
                result = new PatronMessage.Media(media.id(), media.mimeType() != null ? media.mimeType() : file.mimeType(),
                        media.sha256() != null ? media.sha256() : file.sha256(), media.caption(), media.filename(), true,
                        (long) file.content().length);
            } catch (MediaDownload.Failed failed) {
                int attempts = QuarkusTransaction.requiringNew().call(() -> {
                    PendingMediaMessage row = PendingMediaMessage.findById(wamid);
                    row.attempts++;
                    return row.attempts;
                });
                if (!failed.permanent && attempts < config.media().attempts()) {
                    LOG.infof("Media of %s not fetched (attempt %d: %s); retrying", wamid, attempts, failed.getMessage());
                    schedule(wamid, config.media().retryDelay().multipliedBy(1L << (attempts - 1)));
                    return;
                }
                LOG.warnf("Media of %s unavailable after %d attempt(s): %s", wamid, attempts, failed.getMessage());
                metrics.counter("whatsapp.media.downloads", "outcome", "unavailable").increment();
                result = new PatronMessage.Media(media.id(), media.mimeType(), media.sha256(), media.caption(),
                        media.filename(), false, null);
            }
            publish(withMedia(message, result), wamid);
        } catch (Exception e) {
            LOG.warnf("Media of %s: %s; trying again shortly", wamid, e.toString());
            schedule(wamid, REPUBLISH_DELAY);
        }
    }

    /** The download; anything unexpected it throws is a permanent failure, so that the message is still published. */
    private MediaDownload.Downloaded fetchOrFail(String mediaId) throws MediaDownload.Failed {
        try {
            return download.fetch(mediaId);
        } catch (RuntimeException e) {
            throw new MediaDownload.Failed("media " + mediaId + ": " + e, true);
        }
    }

    private void publish(PatronMessage message, String wamid) {
        try {
            publisher.publish(List.of(message), List.of(), List.of()).await().atMost(config.publishTimeout());
            QuarkusTransaction.requiringNew().run(() -> PendingMediaMessage.deleteById(wamid));
        } catch (RuntimeException e) {
            LOG.warnf("Message %s could not be published yet (%s); trying again shortly", wamid, e.toString());
            schedule(wamid, REPUBLISH_DELAY);
        }
    }

    private static void store(PatronMessage message, MediaDownload.Downloaded file) {
        if (MediaFile.findById(message.media().id()) != null) {
            return;
        }
        MediaFile stored = new MediaFile();
        stored.mediaId = message.media().id();
        stored.wamid = message.wamid();
        stored.waId = message.waId();
        stored.mimeType = message.media().mimeType() != null ? message.media().mimeType() : file.mimeType();
        stored.filename = message.media().filename();
        stored.sha256 = file.sha256();
        stored.size = file.content().length;
        stored.content = file.content();
        stored.storedAt = Instant.now();
        stored.persist();
    }

    private static PatronMessage withMedia(PatronMessage m, PatronMessage.Media media) {
        return new PatronMessage(m.id(), m.wamid(), m.waId(), m.profileName(), m.phoneNumberId(), m.sentAt(),
                m.receivedAt(), m.type(), m.text(), m.replyId(), m.replyTitle(), media, m.location(), m.contextWamid(),
                m.error());
    }

    private String write(PatronMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
