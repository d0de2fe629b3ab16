package org.tanyapustaka.analytics.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tanyapustaka.analytics.figures.Facts;
import org.tanyapustaka.analytics.figures.HourlyCounts;
import org.tanyapustaka.analytics.figures.Period;

/**
 * What patrons ask, and how much of it the bot answers alone.
 *
 * <p>A <b>question</b> is a patron message routing classified ({@code intent_classified}) under any intent except
 * greeting, thanks, csat_rating and menu (small talk, ratings and navigation ask nothing). A question is
 * <b>handed over</b> when a handover was requested ({@code handover_requested}: the patron asked for a librarian,
 * rejected the bot's answer, or was not understood); every other question counts as <b>answered by the bot
 * alone</b>. Both are counted at the time the patron wrote.
 */
@ApplicationScoped
@Transactional
public class QuestionFigures {

    /** Intents that do not count as questions. */
    public static final Set<String> NOT_QUESTIONS = Set.of("greeting", "thanks", "csat_rating", "menu");

    /**
     * @param questions     classified messages that ask something
     * @param handedOver    handovers requested
     * @param answeredByBot questions minus handovers (never below zero)
     * @param botShare      answeredByBot ÷ questions (0–1), null without questions
     */
    public record QuestionRow(String bucket, long questions, long answeredByBot, long handedOver, Double botShare) {
    }

    /** @param question whether messages with this intent count as questions */
    public record IntentRow(String bucket, String intent, boolean question, long messages) {
    }

    public List<QuestionRow> questions(Period period) {
        HourlyCounts intents = HourlyCounts.of("intent", period);
        Map<String, Long> handedOver = new HashMap<>();
        for (Object[] row : Facts.rows("SELECT " + period.labelOf("bucket_start") + ", count(*) FROM (SELECT "
                + period.bucketStart("requested_at", "requested_day") + " AS bucket_start FROM handover"
                + " WHERE requested_day >= ?1 AND requested_day <= ?2) AS h GROUP BY bucket_start", period.from(), period.to())) {
            handedOver.put((String) row[0], Facts.asLong(row[1]));
        }
        List<QuestionRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            long questions = 0;
            for (Map.Entry<String, Long> intent : intents.dimensions(bucket).entrySet()) {
                if (!NOT_QUESTIONS.contains(intent.getKey())) {
                    questions += intent.getValue();
                }
            }
            long handed = handedOver.getOrDefault(bucket, 0L);
            long bot = Math.max(0, questions - handed);
            rows.add(new QuestionRow(bucket, questions, bot, handed, Facts.share(bot, questions)));
        }
        return rows;
    }

    /** Classified messages per bucket and intent; most frequent first within a bucket, empty ones left out. */
    public List<IntentRow> intents(Period period) {
        HourlyCounts intents = HourlyCounts.of("intent", period);
        List<IntentRow> rows = new ArrayList<>();
        for (String bucket : period.labels()) {
            List<IntentRow> inBucket = new ArrayList<>();
            intents.dimensions(bucket).forEach((intent, n) -> {
                if (n > 0) {
                    inBucket.add(new IntentRow(bucket, intent, !NOT_QUESTIONS.contains(intent), n));
                }
            });
            inBucket.sort(Comparator.comparingLong(IntentRow::messages).reversed().thenComparing(IntentRow::intent));
            rows.addAll(inBucket);
        }
        return rows;
    }
}
