package org.tanyapustaka.catalog.imports;

import java.time.LocalDate;
import java.util.List;

/**
 * One bibliographic record as read from an import source, before it reaches the database: what MARC, MARCXML,
 * SLiMS CSV and OAI-PMH have in common, cleaned of ISBD punctuation and normalised to Unicode NFC.
 *
 * @param source      where the record came from: {@code marc} (ISO 2709), {@code marcxml}, {@code marcjson},
 *                    {@code slims-csv}, {@code catalogue-csv} or {@code oai:<baseUrl>}
 * @param sourceId    the record's identifier in that source: MARC 001 (Koha: 999$c when 001 is missing), the OAI
 *                    identifier, the CSV {@code id} column or, for SLiMS, the first item code; {@code null} when
 *                    the source has none
 * @param title       the title proper (245$a, $n, $p); never blank unless {@code deleted}
 * @param subtitle    the remainder of the title (245$b), or {@code null}
 * @param authors     personal and corporate names as found, usually {@code Surname, Given}
 * @param publisher   publisher name (264$b, 260$b), or {@code null}
 * @param place       place of publication (264$a, 260$a), or {@code null}
 * @param year        four-digit year of publication (264/260$c, else 008/07-10), or {@code null}
 * @param isbns       ISBN-10 and ISBN-13 as found, digits and {@code X} only
 * @param language    MARC language code such as {@code ind} or {@code eng}, or {@code null}
 * @param subjects    subject headings, subdivisions joined with {@code " -- "}
 * @param callNumber  the shelf mark to look for (see {@link MarcImport} for the order of preference), or {@code null}
 * @param summary     abstract or summary (520$a, dc:description, SLiMS notes), or {@code null}
 * @param copies      the physical copies (eksemplar) this source knows of; may be empty
 * @param deleted     {@code true} when the source says the record was deleted: an OAI-PMH header with
 *                    {@code status="deleted"} (then only {@code source} and {@code sourceId} are known) or a
 *                    MARC leader/05 {@code d} (the record's last data comes along)
 */
public record BibRecord(
        String source,
        String sourceId,
        String title,
        String subtitle,
        List<String> authors,
        String publisher,
        String place,
        Integer year,
        List<String> isbns,
        String language,
        List<String> subjects,
        String callNumber,
        String summary,
        List<Copy> copies,
        boolean deleted) {

    public BibRecord {
        authors = authors == null ? List.of() : List.copyOf(authors);
        isbns = isbns == null ? List.of() : List.copyOf(isbns);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        copies = copies == null ? List.of() : List.copyOf(copies);
    }

    /** A record the source reports as deleted: only its identity is known. */
    public static BibRecord deleted(String source, String sourceId) {
        return new BibRecord(source, sourceId, null, null, List.of(), null, null, null, List.of(), null, List.of(),
                null, null, List.of(), true);
    }

    /**
     * One physical copy of the record.
     *
     * @param barcode    the item's barcode (852$p, 952$p, SLiMS item code), or {@code null} when the source has none
     * @param callNumber the copy's own call number, or {@code null}
     * @param location   where it stands (852$b/$c, 952$a/$c, the CSV location), or {@code null}
     * @param status     whether a patron can get it now
     * @param dueDate    when a copy on loan is due back, else {@code null}
     */
    public record Copy(String barcode, String callNumber, String location, Status status, LocalDate dueDate) {

        public enum Status {
            AVAILABLE, ON_LOAN, RESERVED, LOST, IN_PROCESSING
        }

        public Copy {
            if (status == null) {
                status = Status.AVAILABLE;
            }
        }
    }
}
