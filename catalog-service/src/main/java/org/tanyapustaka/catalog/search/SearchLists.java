package org.tanyapustaka.catalog.search;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The pre-ranked lists that bound a search made only of frequent words (V4__search_lists.sql): for every lexeme
 * that more than {@code cap} records have, its best {@code cap} records by static rank. They are rebuilt after
 * each import job and on a schedule ({@code catalog.search.lists.rebuild-every}). A list row carries the columns
 * the search filters and scores on (V6); what changed since the last rebuild (added, changed or deleted) is
 * read live from the records instead, so a rebuild only has to keep that set small. A rebuild writes new lists
 * beside the old ones and swaps them in at its commit: searches keep working meanwhile.
 */
@ApplicationScoped
public class SearchLists {

    private static final Logger LOG = Logger.getLogger(SearchLists.class);
    /** A rebuild reads every search vector once: about two minutes at 1,000,000 records on two busy cores. */
    private static final int REBUILD_TIMEOUT_SECONDS = 3600;

    /** A lexeme is frequent when more records than this have it; its list keeps this many. */
    @ConfigProperty(name = "catalog.search.lists.cap", defaultValue = "300")
    int cap;

    /**
     * Beyond this many changes since the last rebuild (a bulk load outside an import job), searches take the
     * exact path until the next rebuild: searching the changed records separately would no longer be cheap.
     */
    @ConfigProperty(name = "catalog.search.lists.max-changes", defaultValue = "1000")
    int maxChanges;

    /** Off: every search takes the exact path, and the lists are not rebuilt. */
    @ConfigProperty(name = "catalog.search.lists.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    public boolean enabled() {
        return enabled;
    }

    public int cap() {
        return cap;
    }

    public int maxChanges() {
        return maxChanges;
    }

    @Scheduled(every = "${catalog.search.lists.rebuild-every:1h}", delayed = "${catalog.search.lists.first-rebuild-after:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (enabled && stale()) {
            rebuild();
        }
    }

    /**
     * Whether a rebuild would change the lists: a record was added, changed in a column the lists copy, or deleted
     * since the last one (catalog_search_change logs all three since V6), or the lists were built with another cap
     * (the least common frequent lexeme's list does not hold exactly {@code cap} records: after the cap was
     * changed, or lists migrated from an older version). Otherwise the hourly rebuild is skipped: it reads every
     * search vector, about a minute at 1,000,000 records.
     */
    boolean stale() {
        return QuarkusTransaction.requiringNew().call(() -> (Boolean) em.createNativeQuery("""
                WITH rarest AS (SELECT l.lexeme FROM catalog_lexeme l WHERE l.records > ?1
                                ORDER BY l.records, l.lexeme LIMIT 1)
                SELECT EXISTS (SELECT 1 FROM catalog_search_change)
                    OR (SELECT count(*) FROM catalog_lexeme_top t WHERE t.lexeme = (SELECT lexeme FROM rarest))
                       <> CASE WHEN EXISTS (SELECT 1 FROM rarest) THEN ?1 ELSE 0 END""")
                .setParameter(1, cap).getSingleResult());
    }

    /**
     * Rebuilds the counts and lists from one snapshot, in a transaction of its own; returns how many lexemes are
     * frequent (0 when the lists are off). Changes committed while it runs are not in its snapshot and stay listed
     * as changes.
     */
    public int rebuild() {
        if (!enabled) {
            return 0;
        }
        long started = System.nanoTime();
        int frequent = QuarkusTransaction.requiringNew().timeout(REBUILD_TIMEOUT_SECONDS).call(() -> {
            // Must come first in the transaction: every statement of the rebuild then sees the same snapshot.
            em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").executeUpdate();
            return ((Number) em.createNativeQuery("SELECT catalog_rebuild_search_lists(CAST(?1 AS integer))")
                    .setParameter(1, cap).getSingleResult()).intValue();
        });
        vacuum();
        LOG.infof("Search lists rebuilt: %d frequent lexemes (more than %d records each) in %d ms", frequent, cap,
                (System.nanoTime() - started) / 1_000_000);
        return frequent;
    }

    /**
     * Every search reads catalog_search_change: after a rebuild has emptied it, its dead rows (a million after a
     * bulk load) would be scanned by each search until autovacuum came by. VACUUM cannot run in a transaction.
     */
    private void vacuum() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("VACUUM (ANALYZE) catalog_search_change, catalog_lexeme_top, catalog_lexeme");
        } catch (SQLException e) {
            LOG.warnf("Search lists: VACUUM after the rebuild failed (autovacuum will do it): %s", e.getMessage());
        }
    }
}
