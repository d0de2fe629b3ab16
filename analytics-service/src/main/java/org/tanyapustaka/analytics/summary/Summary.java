package org.tanyapustaka.analytics.summary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.tanyapustaka.analytics.catalog.SearchFigures;
import org.tanyapustaka.analytics.conversation.QuestionFigures;
import org.tanyapustaka.analytics.delivery.DeliveryFigures;
import org.tanyapustaka.analytics.figures.Period;
import org.tanyapustaka.analytics.handover.HandoverFigures;
import org.tanyapustaka.analytics.messages.MessageFigures;
import org.tanyapustaka.analytics.patron.PatronFigures;

/** The headline numbers of a range: each figure over the whole range, as the figure's own endpoint computes it. */
@ApplicationScoped
public class Summary {

    public record Headline(String from, String to, long messagesIn, long messagesOut, long uniquePatrons,
            long newPatrons, long returningPatrons, long questions, long answeredByBot, long handedOver,
            Double botShare, long handoverRequests, long outOfHoursRequests, Double waitMedianSeconds,
            Double firstResponseMedianSeconds, Double resolutionMedianSeconds, long searches,
            long searchesWithoutResult, Double medianSearchMs, long closedHandovers, Double averageRating,
            Double ratingResponseRate, long deliveryFailed, long sendErrors, long windowFailures) {
    }

    @Inject
    MessageFigures messages;
    @Inject
    PatronFigures patrons;
    @Inject
    QuestionFigures questions;
    @Inject
    HandoverFigures handovers;
    @Inject
    SearchFigures searches;
    @Inject
    DeliveryFigures delivery;

    public Headline of(Period range) {
        Period whole = range.whole();
        MessageFigures.MessageRow m = messages.messages(whole).get(0);
        PatronFigures.PatronRow p = patrons.patrons(whole).get(0);
        QuestionFigures.QuestionRow q = questions.questions(whole).get(0);
        HandoverFigures.HandoverRow h = handovers.handovers(whole).get(0);
        HandoverFigures.SatisfactionRow s = handovers.satisfaction(whole).get(0);
        SearchFigures.SearchRow c = searches.searches(whole).get(0);
        DeliveryFigures.DeliveryRow d = delivery.delivery(whole).get(0);
        return new Headline(range.from().toString(), range.to().toString(), m.messagesIn(), m.messagesOut(),
                p.uniquePatrons(), p.newPatrons(), p.returningPatrons(), q.questions(), q.answeredByBot(), q.handedOver(),
                q.botShare(), h.requested(), h.outOfHours(), h.waitMedianSeconds(), h.firstResponseMedianSeconds(),
                h.resolutionMedianSeconds(), c.searches(), c.withoutResult(), c.medianTookMs(), s.closed(),
                s.averageRating(), s.responseRate(), d.failed(), d.sendErrors(), d.windowFailures());
    }
}
