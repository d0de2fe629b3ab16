package org.tanyapustaka.catalog.record;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A bibliographic record: what the library holds, whatever the number of copies. Its search index
 * ({@code search_vector}, {@code title_key}) is maintained by the database on every write.
 */
@Entity
@Table(name = "bib_record")
public class CatalogRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Where the record came from: marc, marcxml, slims-csv, oai:&lt;base URL&gt;, manual. */
    @Column(nullable = false)
    public String source;

    @Column(name = "source_id")
    public String sourceId;

    @Column(nullable = false)
    public String title;

    public String subtitle;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] authors = new String[0];

    public String publisher;

    public String place;

    public Integer year;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] isbns = new String[0];

    public String language;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] subjects = new String[0];

    @Column(name = "call_number")
    public String callNumber;

    public String summary;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", insertable = false, updatable = false)
    public Instant updatedAt;

    @OneToMany(mappedBy = "record", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<Copy> copies = new ArrayList<>();

    public static Optional<CatalogRecord> findBySource(String source, String sourceId) {
        return find("source = ?1 AND sourceId = ?2", source, sourceId).firstResultOptional();
    }

    /** A record sharing one of the ISBNs: the fallback key when another source describes the same book. */
    @SuppressWarnings("unchecked")
    public static Optional<CatalogRecord> findByAnyIsbn(String[] isbns) {
        if (isbns == null || isbns.length == 0) {
            return Optional.empty();
        }
        List<Long> ids = getEntityManager()
                .createNativeQuery("SELECT id FROM bib_record WHERE isbns && CAST(?1 AS text[]) ORDER BY id LIMIT 1")
                .setParameter(1, isbns).getResultList();
        return ids.isEmpty() ? Optional.empty() : findByIdOptional(((Number) ids.get(0)).longValue());
    }

    /**
     * The record of another source holding one of the barcodes: the copies on the shelf identify a book whatever
     * the export it came in. (A record of the same source with another source id is another record: the barcode
     * moved to this one.)
     */
    public static Optional<CatalogRecord> findByAnyBarcode(List<String> barcodes, String source) {
        if (barcodes.isEmpty()) {
            return Optional.empty();
        }
        return Copy.<Copy>find("barcode IN ?1 AND record.source <> ?2 ORDER BY record.id", barcodes, source)
                .firstResultOptional().map(c -> c.record);
    }

    /**
     * A record with this source id from another of the library's file exports ({@code sources}) and the same
     * title (compared as the search compares titles): the same record exported in another format.
     */
    @SuppressWarnings("unchecked")
    public static Optional<CatalogRecord> findByFileSourceId(List<String> sources, String sourceId, String title) {
        if (title == null) {
            return Optional.empty();
        }
        List<Long> ids = getEntityManager().createNativeQuery("""
                SELECT id FROM bib_record WHERE source_id = ?1 AND source = ANY (CAST(?2 AS text[]))
                  AND title_key = catalog_normalize(?3) ORDER BY id LIMIT 1""")
                .setParameter(1, sourceId).setParameter(2, sources.toArray(String[]::new)).setParameter(3, title)
                .getResultList();
        return ids.isEmpty() ? Optional.empty() : findByIdOptional(((Number) ids.get(0)).longValue());
    }

    public String firstAuthor() {
        return authors.length == 0 ? null : authors[0];
    }
}
