package org.tanyapustaka.catalog.answer;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.tanyapustaka.catalog.search.CatalogSearch;
import org.tanyapustaka.catalog.search.ChatQuery;
import org.tanyapustaka.catalog.search.SearchResult;
import org.tanyapustaka.catalog.search.StrongMatch;
import org.tanyapustaka.events.CatalogJudgeRequest;
import org.tanyapustaka.events.CatalogJudgement;
import org.tanyapustaka.events.CatalogSearchPerformed;
import org.tanyapustaka.events.EventIds;
import org.tanyapustaka.events.Redelivery;
import org.tanyapustaka.events.Topics;

/**
 * Judges each message routing did not understand ({@code catalog.judge.requests}): searches it and answers on
 * {@code catalog.judgements}, once, whether the catalogue holds what it names ({@link StrongMatch}). A strong
 * match carries the search answer ("Mungkin ini yang Anda cari: …", with availability and shelf) and its result
 * list is kept under the request's id, so "lagi" and a number work as after any search. The catalog never answers
 * the patron here: routing sends the answer, or its "not understood" reply if the judgement comes too late.
 */
@ApplicationScoped
public class CatalogJudge {

    private static final Logger LOG = Logger.getLogger(CatalogJudge.class);

    @Inject
    CatalogSearch search;

    @Inject
    @Channel(Topics.CATALOG_JUDGEMENTS)
    MutinyEmitter<CatalogJudgement> judgements;

    @Inject
    @Channel(Topics.CATALOG_SEARCHES)
    MutinyEmitter<CatalogSearchPerformed> searches;

    @Incoming(Topics.CATALOG_JUDGE_REQUESTS)
    @Blocking
    public void onRequest(CatalogJudgeRequest request) {
        Redelivery.untilStored(() -> judge(request), LOG::warn, "judge request " + request.id());
    }

    /** One attempt, in one transaction: a database restart rolls it back and the attempt is repeated whole. */
    @Transactional
    void judge(CatalogJudgeRequest request) {
        if (!CatalogQueryListener.firstTime(request.id(), Topics.CATALOG_JUDGE_REQUESTS)) {
            return;
        }
        String language = "en".equals(request.language()) ? "en" : "id";
        String text = request.text() == null ? "" : request.text();
        ChatQuery chat = ChatQuery.parse(text);
        SearchResult result = chat.isEmpty() ? null : search.search(chat, 1);
        boolean strong = result != null && StrongMatch.strong(chat, result);
        String answer = null;
        if (strong) {
            CatalogQueryLog.shown(request.id(), request.waId(), text, language, 1, 1, result);
            answer = CatalogReplies.perhaps(CatalogQueryListener.searched(chat, result), result, language);
            CatalogQueryListener.performed(searches, request.id(), request.waId(), text, result);
        }
        CatalogJudgement judgement = new CatalogJudgement(EventIds.derive(request.id(), "judgement"), request.id(),
                request.waId(), request.conversationId(), strong, result == null ? List.of() : result.terms(),
                result == null ? 0 : result.total(), answer);
        judgements.sendMessageAndAwait(CatalogQueryListener.keyed(judgement, request.waId(), judgement.id()));
        LOG.debugf("Judged %s: %s (%d records)", request.id(), strong ? "strong" : "not strong", judgement.total());
    }
}
