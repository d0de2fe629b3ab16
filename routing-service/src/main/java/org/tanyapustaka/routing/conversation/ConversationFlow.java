package org.tanyapustaka.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tanyapustaka.events.CatalogJudgeRequest;
import org.tanyapustaka.events.CatalogQuery;
import org.tanyapustaka.events.ConversationEvent;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.OutboundMessage;
import org.tanyapustaka.events.PatronMessage;
import org.tanyapustaka.routing.faq.FaqAnswer;
import org.tanyapustaka.routing.intent.Classification;
import org.tanyapustaka.routing.intent.Intent;
import org.tanyapustaka.routing.intent.IntentClassifier;
import org.tanyapustaka.routing.intent.ShortReplies;

/**
 * Decides what one patron message leads to, given the conversation: a catalogue question (with the paging state,
 * so "lagi" and "2" go to the catalogue while a result list is open), an answer from the knowledge base, the
 * greeting and service list, or a polite "not understood" with the list. Deterministic: the same message in the
 * same conversation leads to the same commands, with the same ids.
 */
@ApplicationScoped
public class ConversationFlow {

    static final String AWAITING_CATALOG_QUERY = "catalog_query";

    /** More messages than this within {@link #BURST_WINDOW} are a flood: one notice, then silence until it ends. */
    static final int BURST_LIMIT = 8;
    static final java.time.Duration BURST_WINDOW = java.time.Duration.ofSeconds(30);

    @Inject
    IntentClassifier classifier;

    /** Whether messages not understood go to the catalogue to judge first ({@code CatalogueJudgements}). */
    @ConfigProperty(name = "routing.catalogue-judge.enabled", defaultValue = "true")
    boolean judgeEnabled;

    /**
     * What a message leads to: replies to send, a catalogue question to ask, and what was understood; or, for a
     * message not understood, the catalogue's judgement to ask for ({@code judge}), the reply waiting for it.
     */
    public record Turn(List<OutboundMessage> replies, CatalogQuery catalogQuery, Intent intent, double confidence,
            String handover, CatalogJudgeRequest judge) {

        Turn(List<OutboundMessage> replies, CatalogQuery catalogQuery, Intent intent, double confidence) {
            this(replies, catalogQuery, intent, confidence, null, null);
        }

        Turn(List<OutboundMessage> replies, CatalogQuery catalogQuery, Intent intent, double confidence,
                String handover) {
            this(replies, catalogQuery, intent, confidence, handover, null);
        }

        /** A librarian is asked for, for this reason ({@link ConversationEvent.Reasons}); the desk answers. */
        static Turn handover(Intent intent, double confidence, String reason) {
            return new Turn(List.of(), null, intent, confidence, reason);
        }
    }

    /** "That did not help": the patron rejects the bot's last answer. */
    private static final Pattern REJECTION = Pattern.compile("^(bukan( itu| begitu| ini)?( maksud (saya|sy|aku|ku))?"
            + "|bkn( itu)?|salah( jawaban(nya)?)?|(tidak|tdk|gak|ga|nggak|ngga|enggak|gk) (membantu|nyambung|sesuai|"
            + "menjawab|jelas|paham)|belum (terjawab|menjawab|membantu|jelas)|jawaban(nya)? (salah|tidak sesuai|ga sesuai|"
            + "gak sesuai|kurang jelas)|kurang (membantu|jelas)|not helpful|(that('s| is)|this is) not (it|what i (asked|"
            + "meant|need))|wrong( answer)?|doesn'?t help|did not help|didn'?t help|no,? that'?s not it)[.!?\\s]*$");

    public Turn next(PatronMessage message, Conversation conversation) {
        String text = message.text() == null ? "" : message.text().strip();
        String lower = text.toLowerCase(Locale.ROOT);
        java.time.Instant at = message.sentAt() != null ? message.sentAt() : java.time.Instant.now();
        if (conversation.burstStartedAt == null || at.isAfter(conversation.burstStartedAt.plus(BURST_WINDOW))) {
            conversation.burstStartedAt = at;
            conversation.burstCount = 0;
        }
        conversation.burstCount++;
        if (conversation.burstCount == BURST_LIMIT + 1) {
            return new Turn(List.of(text(message, conversation, ConversationReplies.flood(conversation.language))),
                    null, Intent.OTHER, 1.0);
        }
        if (conversation.burstCount > BURST_LIMIT + 1) {
            return new Turn(List.of(), null, Intent.OTHER, 1.0); // kept in the conversation, not answered
        }
        ShortReplies replies = classifier.shortReplies();
        Optional<ShortReplies.Meaning> meaning = replies.meaningOf(text);
        if (meaning.equals(Optional.of(ShortReplies.Meaning.STOP))) {
            conversation.optedOut = true;
            return new Turn(List.of(text(message, conversation, ConversationReplies.optedOut(conversation.language))),
                    null, Intent.OTHER, 1.0);
        }
        if (meaning.equals(Optional.of(ShortReplies.Meaning.START)) && conversation.optedOut) {
            conversation.optedOut = false;
            return new Turn(List.of(text(message, conversation, ConversationReplies.optedIn(conversation.language))), null,
                    Intent.OTHER, 1.0);
        }
        if (message.replyId() != null && message.replyId().startsWith(ServiceMenu.ROW_PREFIX)) {
            Intent chosen = Intent.fromWireName(message.replyId().substring(ServiceMenu.ROW_PREFIX.length()))
                    .orElse(Intent.MENU);
            return chosen == Intent.CATALOG_SEARCH ? askForSearch(message, conversation)
                    : answer(chosen, 1.0, message, conversation);
        }
        if (conversation.openQueryId != null && meaning.equals(Optional.of(ShortReplies.Meaning.MORE))) {
            return catalog(message, conversation, "lagi", conversation.openQueryId, 1);
        }
        OptionalInt number = replies.numberOf(text);
        if (conversation.openQueryId != null && number.isPresent()) {
            return catalog(message, conversation, String.valueOf(number.getAsInt()), conversation.openQueryId, null);
        }
        if (conversation.lastAnswerIntent != null && REJECTION.matcher(lower).matches()) {
            conversation.rejections++;
            if (conversation.rejections >= 2) {
                return Turn.handover(Intent.HUMAN_HANDOVER, 1.0, ConversationEvent.Reasons.ANSWER_REJECTED);
            }
            return new Turn(List.of(buttons(message, conversation,
                    ConversationReplies.answerRejected(conversation.language))), null, Intent.OTHER, 1.0);
        }
        Classification c = classifier.classify(text, false, conversation.language);
        if (c.spam()) {
            return unclear(c.intent(), c.confidence(), true, message, conversation);
        }
        conversation.language = c.language();
        if (AWAITING_CATALOG_QUERY.equals(conversation.awaiting) && !text.isEmpty()
                && !List.of(Intent.MENU, Intent.GREETING, Intent.HUMAN_HANDOVER, Intent.THANKS).contains(c.intent())) {
            return catalog(message, conversation, text, null, null);
        }
        if (c.intent() == Intent.CATALOG_SEARCH) {
            return catalog(message, conversation, text, null, null);
        }
        if (judgeEnabled && c.forTheCatalogueToJudge(text)) {
            return askCatalogue(message, conversation, c.confidence());
        }
        return answer(c.intent(), c.confidence(), message, conversation);
    }

    /**
     * A message not understood may be a bare title, author, subject or ISBN: the catalogue judges it before the
     * patron gets "not understood". Nothing is sent now; {@code CatalogueJudgements} sends the one reply, the search
     * answer ({@link #judgedAsSearch}) or "not understood" ({@link #notUnderstood}), when the judgement comes or the
     * wait runs out.
     */
    private Turn askCatalogue(PatronMessage message, Conversation conversation, double confidence) {
        conversation.openQueryId = null;
        conversation.awaiting = null;
        CatalogJudgeRequest request = new CatalogJudgeRequest(EventIds.derive(message.id(), "catalog-judge"),
                message.waId(), conversation.id, conversation.language, message.text().strip(), message.id());
        return new Turn(List.of(), null, Intent.OTHER, confidence, null, request);
    }

    /**
     * The catalogue matched a message the bot did not understand: its answer is the reply, as a search answer, and
     * its list (kept under the request's id) is the one "lagi" and numbers refer to.
     */
    public Turn judgedAsSearch(PatronMessage message, Conversation conversation, UUID listId, String answer) {
        conversation.openQueryId = listId;
        conversation.awaiting = null;
        conversation.fallbackShown = false;
        conversation.lastAnswerIntent = null;
        return new Turn(List.of(OutboundMessage.text(replyId(message), message.waId(), answer,
                OutboundMessage.Origin.CATALOG, conversation.id, message.id())), null, Intent.CATALOG_SEARCH, 1.0);
    }

    /** The catalogue did not match a message the bot did not understand (or did not answer in time). */
    public Turn notUnderstood(PatronMessage message, Conversation conversation, double confidence) {
        return unclear(Intent.OTHER, confidence, false, message, conversation);
    }

    private Turn catalog(PatronMessage message, Conversation conversation, String text, UUID previous, Integer page) {
        CatalogQuery query = new CatalogQuery(EventIds.derive(message.id(), "catalog-query"), message.waId(),
                conversation.id, conversation.language, text, null, previous, page, message.id());
        boolean numberInList = previous != null && page == null;
        if (!numberInList) {
            conversation.openQueryId = query.id(); // the new list is the one "lagi" and numbers refer to
        }
        conversation.awaiting = null;
        conversation.fallbackShown = false;
        conversation.lastAnswerIntent = null;
        return new Turn(List.of(), query, Intent.CATALOG_SEARCH, 1.0);
    }

    private Turn askForSearch(PatronMessage message, Conversation conversation) {
        conversation.awaiting = AWAITING_CATALOG_QUERY;
        conversation.openQueryId = null;
        String body = ConversationReplies.askForSearch(conversation.language);
        return new Turn(List.of(text(message, conversation, body)), null, Intent.CATALOG_SEARCH, 1.0);
    }

    private Turn answer(Intent intent, double confidence, PatronMessage message, Conversation conversation) {
        conversation.openQueryId = null;
        conversation.awaiting = null;
        if (intent == Intent.HUMAN_HANDOVER) {
            return Turn.handover(intent, confidence, ConversationEvent.Reasons.PATRON_ASKED);
        }
        if (intent == Intent.OTHER || intent == Intent.CSAT_RATING || intent == Intent.CATALOG_SEARCH) {
            return unclear(intent, confidence, false, message, conversation);
        }
        conversation.fallbackShown = false;
        conversation.lastAnswerIntent = null;
        String language = conversation.language;
        OutboundMessage reply;
        switch (intent) {
            case GREETING, MENU -> reply = menu(message, conversation,
                    ConversationReplies.greeting(firstName(message.profileName()), language));
            case THANKS -> {
                conversation.rejections = 0;
                reply = text(message, conversation, ConversationReplies.thanks(language));
            }
            default -> {
                Optional<FaqAnswer> faq = FaqAnswer.forIntent(intent.wireName());
                conversation.lastAnswerIntent = faq.isPresent() ? intent.wireName() : null;
                reply = faq.isPresent() ? faqReply(message, conversation, faq.get())
                        : menu(message, conversation, ConversationReplies.noAutomaticAnswer(language));
            }
        }
        return new Turn(List.of(reply), null, intent, confidence);
    }

    /**
     * The one place that decides what a message gets that is no request the bot can answer but asks for no person
     * either: spam gets nothing (no reply, no librarian, and it does not count as a misunderstanding); the first
     * message not understood gets the service list; a second one in a row goes to a librarian.
     */
    private Turn unclear(Intent intent, double confidence, boolean spam, PatronMessage message,
            Conversation conversation) {
        if (spam) {
            return new Turn(List.of(), null, Intent.OTHER, confidence);
        }
        conversation.openQueryId = null;
        conversation.awaiting = null;
        if (conversation.fallbackShown) {
            return Turn.handover(intent, confidence, ConversationEvent.Reasons.NOT_UNDERSTOOD);
        }
        conversation.fallbackShown = true;
        conversation.lastAnswerIntent = null;
        return new Turn(List.of(menu(message, conversation,
                ConversationReplies.notUnderstood(conversation.language))), null, intent, confidence);
    }

    private static OutboundMessage faqReply(PatronMessage message, Conversation conversation, FaqAnswer faq) {
        return new OutboundMessage(replyId(message), message.waId(), OutboundMessage.Kind.BUTTONS,
                faq.answerIn(conversation.language),
                List.of(new OutboundMessage.Button("menu:menu", "Menu"),
                        new OutboundMessage.Button("menu:human_handover",
                                ConversationReplies.askALibrarianButton(conversation.language))),
                null, null, null, OutboundMessage.Origin.ROUTING, conversation.id, message.id(), null);
    }

    private static OutboundMessage buttons(PatronMessage message, Conversation conversation, String body) {
        return new OutboundMessage(replyId(message), message.waId(), OutboundMessage.Kind.BUTTONS, body,
                List.of(new OutboundMessage.Button("menu:human_handover",
                                ConversationReplies.askALibrarianButton(conversation.language)),
                        new OutboundMessage.Button("menu:menu", "Menu")),
                null, null, null, OutboundMessage.Origin.ROUTING, conversation.id, message.id(), null);
    }

    private static OutboundMessage menu(PatronMessage message, Conversation conversation, String body) {
        return OutboundMessage.list(replyId(message), message.waId(), body, ServiceMenu.in(conversation.language),
                OutboundMessage.Origin.ROUTING, conversation.id, message.id());
    }

    private static OutboundMessage text(PatronMessage message, Conversation conversation, String body) {
        return OutboundMessage.text(replyId(message), message.waId(), body, OutboundMessage.Origin.ROUTING,
                conversation.id, message.id());
    }

    /** The id of the bot's reply to a patron message (one reply per message). */
    public static UUID replyId(PatronMessage message) {
        return EventIds.derive(message.id(), "reply");
    }

    private static String firstName(String profileName) {
        if (profileName == null || profileName.isBlank()) {
            return "";
        }
        String first = profileName.strip().split("\\s+")[0];
        return first.length() > 30 ? "" : first;
    }
}
