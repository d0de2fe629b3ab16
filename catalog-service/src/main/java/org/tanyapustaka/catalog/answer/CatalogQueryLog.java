package org.tanyapustaka.catalog.answer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The result list a patron was shown, so that "lagi" and a number can refer to it. */
@Entity
@Table(name = "catalog_query_log")
public class CatalogQueryLog extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "wa_id", nullable = false)
    public String waId;

    @Column(name = "query_text", nullable = false)
    public String queryText;

    @Column(nullable = false)
    public String language;

    @Column(nullable = false)
    public int page;

    /** The number shown in front of the first result of the page (6 on page 2). */
    @Column(name = "first_number", nullable = false)
    public int firstNumber;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "result_ids", nullable = false, columnDefinition = "bigint[]")
    public Long[] resultIds;

    @Column(nullable = false)
    public int total;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Keeps the page of {@code result} shown for question {@code id}, so "lagi" and numbers can refer to it. */
    static CatalogQueryLog shown(UUID id, String waId, String text, String language, int page, int firstNumber,
            org.tanyapustaka.catalog.search.SearchResult result) {
        CatalogQueryLog log = new CatalogQueryLog();
        log.id = id;
        log.waId = waId;
        log.queryText = text;
        log.language = language;
        log.page = page;
        log.firstNumber = firstNumber;
        log.resultIds = result.hits().stream().map(org.tanyapustaka.catalog.search.SearchResult.Hit::id)
                .toArray(Long[]::new);
        log.total = result.total();
        log.createdAt = Instant.now();
        log.persist();
        return log;
    }
}
