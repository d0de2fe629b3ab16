package org.tanyapustaka.routing.handover;

import java.util.List;
import java.util.UUID;
import org.tanyapustaka.events.problem.ProblemException;

/**
 * Who may read a conversation's history (its transcript, notes and files), the one rule the REST API, the desk pages
 * and the attachment downloads ask. An admin reads every conversation. A librarian reads one that
 * <ul>
 * <li>is assigned to them now,</li>
 * <li>is waiting in the queue (they may claim it, so they may look first), or</li>
 * <li>they handled: they are the last holder of one of its handovers (a closed handover keeps its holder), closed
 * one, or wrote in it (a reply, a template, a file or a note: the transcript keeps the author).</li>
 * </ul>
 * Routing keeps no list of every past holder: a librarian who held a handover and transferred it away, or was
 * returned to the queue, without writing a line, is not recorded as having handled it and reads it no more.
 */
public final class ReadAccess {

    private ReadAccess() {
    }

    /** May this librarian read the conversation's history? */
    public static boolean mayRead(UUID conversationId, String username, boolean admin) {
        if (admin) {
            return true;
        }
        return Handover.count("conversationId = ?1 AND (status = ?2 OR librarian = ?3 OR closedBy = ?3)",
                conversationId, Handover.QUEUED, username) > 0
                || TranscriptEntry.count("conversationId = ?1 AND librarian = ?2", conversationId, username) > 0;
    }

    /** The same for a handover's conversation; otherwise 403 as a problem. */
    public static void requireRead(Handover handover, String username, boolean admin) {
        if (!mayRead(handover.conversationId, username, admin)) {
            throw forbidden(handover.id);
        }
    }

    public static ProblemException forbidden(UUID handoverId) {
        return new ProblemException(403, "Forbidden", "Handover " + handoverId + " is neither assigned to you, waiting in the "
                + "queue nor one you handled; ask its holder or an admin.");
    }

    /**
     * May this librarian see the file with this WhatsApp media id (a patron's) or attachment id (a librarian's)? Only
     * in a conversation they may read; a file no transcript line names is the admins' alone.
     */
    public static boolean mayReadMedia(String mediaId, String username, boolean admin) {
        if (admin) {
            return true;
        }
        List<UUID> conversations = TranscriptEntry.<TranscriptEntry>list("mediaId", mediaId).stream()
                .map(e -> e.conversationId).distinct().toList();
        return conversations.stream().anyMatch(c -> mayRead(c, username, false));
    }
}
