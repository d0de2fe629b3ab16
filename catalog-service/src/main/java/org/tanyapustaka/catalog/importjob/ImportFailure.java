package org.tanyapustaka.catalog.importjob;

import io.quarkus.hibernate.orm.panache.Panache;
import java.util.List;
import java.util.UUID;

/** The records an import could not take, with their position in the file and the reason. */
public final class ImportFailure {

    /** More failures than this are counted but not listed one by one. */
    public static final int LISTED_MAX = 10_000;

    public record View(int position, String sourceId, String reason) {
    }

    private ImportFailure() {
    }

    static void record(UUID jobId, int position, String sourceId, String reason) {
        Panache.getEntityManager().createNativeQuery("""
                INSERT INTO import_failure (job_id, position, source_id, reason) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT DO NOTHING""")
                .setParameter(1, jobId).setParameter(2, position).setParameter(3, sourceId)
                .setParameter(4, reason.length() > 2000 ? reason.substring(0, 2000) : reason).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    static List<View> of(UUID jobId, int limit) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery(
                "SELECT position, source_id, reason FROM import_failure WHERE job_id = ?1 ORDER BY position LIMIT ?2")
                .setParameter(1, jobId).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new View(((Number) r[0]).intValue(), (String) r[1], (String) r[2])).toList();
    }
}
