package org.tanyapustaka.routing.handover;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tanyapustaka.events.InternalSignature;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.problem.ProblemException;
import org.tanyapustaka.routing.conversation.Conversation;
import org.tanyapustaka.routing.conversation.Outbox;

/**
 * Files librarians send to patrons (a clearance letter, a Turnitin report, a floor plan): checked against WhatsApp's
 * types and sizes before anything is stored, kept in the database, and sent as one document or image command whose
 * media points back here (claim check: the gateway fetches the bytes with a signature only it and routing can make).
 * Only the holder of the conversation sends, within the 24-hour window like a text reply; a retried request with
 * the same idempotency key is the same attachment and the same command. Used by the REST desk and the desk page.
 */
@ApplicationScoped
public class LibrarianAttachments {

    /** WhatsApp's limit for the caption of a document or image. */
    public static final int MAX_CAPTION = 1024;
    static final int MAX_FILENAME = 240;

    @Inject
    LibrarianActions actions;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "tanya.attachments.secret")
    Optional<String> secret;

    /** routing-service's address as the gateway reaches it. */
    @ConfigProperty(name = "tanya.attachments.base-url")
    String baseUrl;

    /** The largest file the desk takes (WhatsApp's own limits are checked too). */
    @ConfigProperty(name = "tanya.attachments.max-size", defaultValue = "25M")
    MemorySize maxSize;

    /** What was done with a librarian's file. */
    public record Sent(UUID commandId, String sentAs, UUID attachmentId, String filename, String mimeType, int size,
            String sha256, String detail) {
    }

    void onStart(@Observes StartupEvent event) {
        if (secret.orElse("").isBlank()) {
            throw new IllegalStateException("routing-service needs TANYA_ATTACHMENTS_SECRET (tanya.attachments.secret), "
                    + "shared with the gateway, to let it fetch librarians' attachments; it is blank");
        }
    }

    /** The largest file the desk takes, in bytes (at most WhatsApp's 100 MB for documents). */
    public long maxBytes() {
        return Math.min(maxSize.asLongValue(), WhatsAppMediaLimits.Kind.DOCUMENT.maxBytes);
    }

    /** The attachment id (and command id) of a file sent with this idempotency key; random without one. */
    public static UUID attachmentId(UUID handoverId, String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(("attachment:" + handoverId + ":" + idempotencyKey)
                        .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Checks the file and sends it to the patron of the handover. Problems (RFC 9457): 400 empty file, bad name or
     * caption; 413 over WhatsApp's limit for its kind (or the desk's); 415 a type WhatsApp does not take, or content
     * that is not what the type says; 404/409 not the holder, or the 24-hour window closed without a template.
     */
    @Transactional
    public Sent send(UUID handoverId, String username, String filename, String contentType, byte[] content,
            String caption, UUID attachmentId, Optional<String> template, String templateLanguage) {
        String mimeType = WhatsAppMediaLimits.essence(contentType);
        WhatsAppMediaLimits.Kind kind = check(filename, mimeType, content, caption);
        Handover handover = actions.mine(handoverId, username);
        Conversation conversation = Conversation.findById(handover.conversationId);
        Optional<LibrarianActions.Sent> instead = actions.windowClosed(handover, conversation, username, attachmentId,
                template, templateLanguage, "file");
        if (instead.isPresent()) {
            LibrarianActions.Sent sent = instead.get();
            return new Sent(sent.commandId(), sent.sentAs(), null, null, null, 0, null, sent.detail());
        }
        LibrarianAttachment existing = LibrarianAttachment.findById(attachmentId);
        if (existing != null) {
            // The same request again (a retry, a double click): the file and its command exist already.
            if (!existing.handoverId.equals(handover.id) || !existing.sha256.equals(sha256(content))) {
                throw ProblemException.conflict("This Idempotency-Key was used for another file (" + existing.filename
                        + "); send a new file with a new key.");
            }
            return sent(existing, kindOf(existing), "Sent to the patron already (the same request again).");
        }
        Instant now = Instant.now();
        LibrarianAttachment attachment = new LibrarianAttachment();
        attachment.id = attachmentId;
        attachment.handoverId = handover.id;
        attachment.librarian = username;
        attachment.filename = cleanFilename(filename);
        attachment.mimeType = mimeType;
        attachment.size = content.length;
        attachment.sha256 = sha256(content);
        attachment.caption = caption == null || caption.isBlank() ? null : caption.strip();
        attachment.content = content;
        attachment.createdAt = now;
        attachment.persist();

        TranscriptEntry entry = TranscriptEntry.atDesk(attachmentId, handover, TranscriptEntry.LIBRARIAN, username,
                kind == WhatsAppMediaLimits.Kind.IMAGE ? "image" : "document",
                attachment.caption == null ? attachment.filename : attachment.filename + "\n" + attachment.caption, now);
        entry.mediaId = attachmentId.toString();
        entry.persist();
        em.flush(); // the file and its transcript line exist before the command does

        OutboundMessage.Kind commandKind = kind == WhatsAppMediaLimits.Kind.IMAGE ? OutboundMessage.Kind.IMAGE
                : OutboundMessage.Kind.DOCUMENT;
        outbox.send(OutboundMessage.media(attachmentId, conversation.waId, commandKind,
                new OutboundMessage.Media(attachmentId, attachment.filename, mimeType, attachment.size,
                        attachment.sha256, attachment.caption, claimCheckUrl(attachmentId)),
                OutboundMessage.Origin.LIBRARIAN, conversation.id, handover.id));
        actions.librarianSent(handover, username, attachmentId, now);
        return sent(attachment, kind, "Sent to the patron.");
    }

    /** Checks a file against WhatsApp's types and sizes (and the desk's own limit); returns how it goes. */
    public WhatsAppMediaLimits.Kind check(String filename, String mimeType, byte[] content, String caption) {
        if (filename == null || cleanFilename(filename).isBlank()) {
            throw ProblemException.badRequest("The file needs a name: send it with Content-Disposition: attachment; "
                    + "filename=\"...\" (or ?filename=).");
        }
        if (cleanFilename(filename).length() > MAX_FILENAME) {
            throw ProblemException.badRequest("The file name is longer than " + MAX_FILENAME + " characters.");
        }
        if (caption != null && caption.codePointCount(0, caption.length()) > MAX_CAPTION) {
            throw ProblemException.badRequest("The caption is longer than WhatsApp's " + MAX_CAPTION + " characters.");
        }
        WhatsAppMediaLimits.Kind kind = WhatsAppMediaLimits.kindOf(mimeType).orElseThrow(() -> new ProblemException(415,
                "File type not allowed", "WhatsApp does not take files of type '" + mimeType + "' (" + filename
                        + "). You can send " + WhatsAppMediaLimits.ALLOWED + "."));
        if (content == null || content.length == 0) {
            throw ProblemException.badRequest("The file " + filename + " is empty.");
        }
        long limit = maxBytes(kind);
        if (content.length > limit) {
            throw tooLarge(filename, content.length, kind);
        }
        if (!WhatsAppMediaLimits.contentMatches(mimeType, content)) {
            throw new ProblemException(415, "File type not allowed", "The file " + filename + " is not a real "
                    + mimeType
                    + " file (its content says otherwise); WhatsApp would refuse it.");
        }
        return kind;
    }

    /** The refusal of a file over the limit; also for a request body that is larger than the desk reads. */
    public ProblemException tooLarge(String filename, long size, WhatsAppMediaLimits.Kind kind) {
        long limit = kind == null ? maxBytes() : Math.min(kind.maxBytes, maxBytes());
        String whose = kind != null && limit == kind.maxBytes
                ? "WhatsApp takes " + (kind == WhatsAppMediaLimits.Kind.IMAGE ? "images" : "documents") + " up to "
                : "The desk takes files up to ";
        return new ProblemException(413, "File too large",
                "The file " + (filename == null ? "" : filename + " ") + "is "
                + (size < 0 ? "larger than that" : WhatsAppMediaLimits.describe(size)) + "; " + whose
                + WhatsAppMediaLimits.describe(limit) + ".");
    }

    /** A stored file's name, type and bytes, read within the transaction. */
    public record File(String filename, String mimeType, byte[] content) {
        static File of(LibrarianAttachment a) {
            return new File(a.filename, a.mimeType, a.content);
        }
    }

    /** The file for the gateway, if the signature is the attachments secret's HMAC of its id. */
    @Transactional
    public Optional<File> claim(UUID attachmentId, String signature) {
        if (!InternalSignature.verify(secret.orElseThrow(), attachmentId.toString(), signature)) {
            throw new ProblemException(403, "Forbidden", "The attachment signature is missing or wrong.");
        }
        return LibrarianAttachment.<LibrarianAttachment>findByIdOptional(attachmentId).map(File::of);
    }

    /** The largest file of this kind the desk takes, in bytes (WhatsApp's limit or the desk's, the smaller). */
    public long maxBytes(WhatsAppMediaLimits.Kind kind) {
        return Math.min(kind.maxBytes, maxBytes());
    }

    /** Whether a file was sent under this id already (a request repeated while the first was being stored). */
    @Transactional
    public boolean exists(UUID attachmentId) {
        return LibrarianAttachment.count("id", attachmentId) > 0;
    }

    /** A librarian's file by its id alone, for the desk pages' transcript (staff may read every conversation). */
    @Transactional
    public Optional<File> byId(UUID attachmentId) {
        return LibrarianAttachment.<LibrarianAttachment>findByIdOptional(attachmentId).map(File::of);
    }

    /** The file for a librarian reading the conversation. */
    @Transactional
    public Optional<File> of(UUID handoverId, UUID attachmentId) {
        return LibrarianAttachment.<LibrarianAttachment>findByIdOptional(attachmentId)
                .filter(a -> a.handoverId.equals(handoverId)).map(File::of);
    }

    String claimCheckUrl(UUID attachmentId) {
        return baseUrl.replaceAll("/+$", "") + "/internal/attachments/" + attachmentId;
    }

    private static Sent sent(LibrarianAttachment a, WhatsAppMediaLimits.Kind kind, String detail) {
        return new Sent(a.id, kind == WhatsAppMediaLimits.Kind.IMAGE ? "image" : "document", a.id, a.filename,
                a.mimeType, a.size, a.sha256, detail);
    }

    private static WhatsAppMediaLimits.Kind kindOf(LibrarianAttachment a) {
        return WhatsAppMediaLimits.kindOf(a.mimeType).orElse(WhatsAppMediaLimits.Kind.DOCUMENT);
    }

    /** The name without any path a browser may add, and without control characters. */
    static String cleanFilename(String filename) {
        String name = filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.replaceAll("\\p{Cntrl}", " ").strip();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
