package org.tanyapustaka.catalog.importjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.marc4j.MarcStreamWriter;
import org.marc4j.MarcWriter;
import org.marc4j.MarcXmlWriter;
import org.marc4j.marc.DataField;
import org.marc4j.marc.MarcFactory;
import org.marc4j.marc.Record;
import org.tanyapustaka.catalog.CatalogueFixture;
import org.tanyapustaka.catalog.imports.BibRecord;
import org.tanyapustaka.catalog.imports.ReadOutcome;
import org.tanyapustaka.catalog.imports.SlimsCsvImport;
import org.tanyapustaka.catalog.record.CatalogRecord;
import org.tanyapustaka.catalog.record.CatalogRecords;
import org.tanyapustaka.catalog.record.Copy;
import org.tanyapustaka.testsupport.TanyaTestResource;

/**
 * A library re-exports its catalogue every night, in whatever format its system writes: over the demo catalogue
 * (the 300 titles as CSV, with their copies), the same titles as MARCXML with Koha holdings (952), again, as
 * MARC21 with copies added, changed and removed, and as the CSV again. Every import updates the 300 records and
 * their copies by barcode; none fails, none duplicates. Shares the demo installation (and its database) with
 * {@link DemoCatalogueTest}.
 */
@QuarkusTest
@TestProfile(DemoCatalogueTest.NewInstallation.class)
@QuarkusTestResource(value = TanyaTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "catalog_demo"))
class HoldingsReimportTest {

    private static final LocalDate DUE = LocalDate.of(2027, 1, 15);

    /** A copy as expected in the catalogue. */
    record Expected(String location, Copy.Status status, LocalDate due) {
    }

    @Test
    void reExportsInEveryFormatUpdateRecordsAndCopiesByBarcode() throws Exception {
        List<BibRecord> titles = demoTitles();
        assertThat(titles).hasSize(300);
        long records = QuarkusTransaction.requiringNew().call(() -> CatalogRecord.count());

        // 1. The same titles as MARCXML with holdings: copy 2 of each title is on loan, copy 1 moved.
        Function<BibRecord, Map<String, Expected>> onLoan = t -> {
            Map<String, Expected> copies = csvCopies(t);
            copies.put(t.sourceId() + "-1", new Expected("Lantai 2 - Tandon", Copy.Status.AVAILABLE, null));
            copies.computeIfPresent(t.sourceId() + "-2", (b, c) -> new Expected(c.location(), Copy.Status.ON_LOAN, DUE));
            return copies;
        };
        Path marcXml = write(titles, onLoan, true);
        assertUpdatedEveryTitle(ImportResourceTest.importAndWait("marcxml", marcXml), titles, onLoan, records);

        // 2. The same file again (the next night).
        assertUpdatedEveryTitle(ImportResourceTest.importAndWait("marcxml", marcXml), titles, onLoan, records);

        // 3. MARC21: the last copy of a title with three or more withdrawn, a new copy for every fifth title, and
        //    copy 1 of every third title lost.
        Function<BibRecord, Map<String, Expected>> changed = t -> {
            Map<String, Expected> copies = onLoan.apply(t);
            int n = t.copies().size();
            int number = Integer.parseInt(t.sourceId().substring(1));
            if (n >= 3) {
                copies.remove(t.sourceId() + "-" + n);
            }
            if (number % 5 == 0) {
                copies.put(t.sourceId() + "-NEW", new Expected("Lantai 1 - Koleksi Umum", Copy.Status.AVAILABLE, null));
            }
            if (number % 3 == 0) {
                copies.put(t.sourceId() + "-1", new Expected("Lantai 2 - Tandon", Copy.Status.LOST, null));
            }
            return copies;
        };
        assertUpdatedEveryTitle(ImportResourceTest.importAndWait("marc", write(titles, changed, false)), titles, changed,
                records);

        // 4. The CSV catalogue again: every title back to its copies, all on the shelf.
        assertUpdatedEveryTitle(ImportResourceTest.importAndWait("csv", CatalogueFixture.CATALOGUE), titles,
                HoldingsReimportTest::csvCopies, records);
    }

    @Inject
    CatalogRecords catalog;

    @Test
    void aBarcodeThatMovedToAnotherRecordOfTheSameSourceMovesWithIt() {
        BibRecord first = holding("MOVE-1", "Uji Pindah Barkode Satu", "MOVE-A", "MOVE-B");
        BibRecord second = holding("MOVE-2", "Uji Pindah Barkode Dua", "MOVE-C");
        assertThat(catalog.upsert(first)).isEqualTo(CatalogRecords.Effect.CREATED);
        assertThat(catalog.upsert(second)).isEqualTo(CatalogRecords.Effect.CREATED);
        // The next export: copy B was recatalogued under volume 2.
        assertThat(catalog.upsert(holding("MOVE-2", "Uji Pindah Barkode Dua", "MOVE-C", "MOVE-B")))
                .isEqualTo(CatalogRecords.Effect.UPDATED);
        assertThat(catalog.upsert(holding("MOVE-1", "Uji Pindah Barkode Satu", "MOVE-A")))
                .isEqualTo(CatalogRecords.Effect.UPDATED);
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(CatalogRecord.findBySource("marcxml", "MOVE-1").orElseThrow().copies)
                    .extracting(c -> c.barcode).containsExactly("MOVE-A");
            assertThat(CatalogRecord.findBySource("marcxml", "MOVE-2").orElseThrow().copies)
                    .extracting(c -> c.barcode).containsExactlyInAnyOrder("MOVE-C", "MOVE-B");
        });
    }

    private static BibRecord holding(String id, String title, String... barcodes) {
        return new BibRecord("marcxml", id, title, null, List.of("Penguji, Barkode"), null, null, 2020,
                List.of(), "ind", List.of("Uji"), "000 UJI", null, Stream.of(barcodes)
                        .map(b -> new BibRecord.Copy(b, null, "Lantai 1 - Koleksi Umum", BibRecord.Copy.Status.AVAILABLE,
                                null))
                        .toList(), false);
    }

    /** The import updated every title, created and failed none; each title's copies are exactly the expected. */
    private static void assertUpdatedEveryTitle(JsonPath job, List<BibRecord> titles,
            Function<BibRecord, Map<String, Expected>> expected, long records) {
        assertThat(job.getString("state")).isEqualTo("DONE");
        assertThat(job.getList("failures.reason", String.class)).isEmpty();
        assertThat(job.getInt("failed")).isZero();
        assertThat(job.getInt("imported")).isZero();
        assertThat(job.getInt("updated")).isEqualTo(300);
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(CatalogRecord.count()).as("records in the catalogue").isEqualTo(records);
            for (BibRecord title : titles) {
                CatalogRecord record = CatalogRecord.findBySource(SlimsCsvImport.SOURCE_CATALOGUE, title.sourceId())
                        .orElseThrow(() -> new AssertionError(title.sourceId() + " is no longer in the catalogue"));
                assertThat(record.title).isEqualTo(title.title());
                Map<String, Expected> actual = new TreeMap<>();
                record.copies.forEach(c -> actual.put(c.barcode, new Expected(c.location, c.status, c.dueDate)));
                assertThat(actual).as(title.sourceId()).isEqualTo(new TreeMap<>(expected.apply(title)));
            }
        });
    }

    private static List<BibRecord> demoTitles() {
        try (Stream<ReadOutcome> rows = SlimsCsvImport.read(CatalogueFixture.CATALOGUE)) {
            return rows.map(ReadOutcome::record).toList();
        }
    }

    private static Map<String, Expected> csvCopies(BibRecord title) {
        Map<String, Expected> copies = new LinkedHashMap<>();
        title.copies().forEach(c -> copies.put(c.barcode(), new Expected(c.location(), Copy.Status.AVAILABLE, null)));
        return copies;
    }

    /** The titles as a Koha export (MARCXML or MARC21), with the copies {@code holdings} gives each one. */
    private static Path write(List<BibRecord> titles, Function<BibRecord, Map<String, Expected>> holdings, boolean xml)
            throws Exception {
        MarcFactory factory = MarcFactory.newInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MarcWriter writer = xml ? new MarcXmlWriter(out, "UTF-8", true) : new MarcStreamWriter(out, "UTF-8");
        for (BibRecord t : titles) {
            Record marc = factory.newRecord("00000nam a2200000 a 4500");
            marc.addVariableField(factory.newControlField("001", t.sourceId()));
            for (String isbn : t.isbns()) {
                marc.addVariableField(field(factory, "020", 'a', isbn));
            }
            for (int i = 0; i < t.authors().size(); i++) {
                marc.addVariableField(field(factory, i == 0 ? "100" : "700", 'a', t.authors().get(i)));
            }
            DataField title = field(factory, "245", 'a', t.title());
            if (t.subtitle() != null) {
                title.addSubfield(factory.newSubfield('b', t.subtitle()));
            }
            marc.addVariableField(title);
            DataField imprint = field(factory, "264", 'b', t.publisher());
            if (t.year() != null) {
                imprint.addSubfield(factory.newSubfield('c', t.year().toString()));
            }
            marc.addVariableField(imprint);
            for (String subject : t.subjects()) {
                marc.addVariableField(field(factory, "650", 'a', subject));
            }
            for (Map.Entry<String, Expected> copy : holdings.apply(t).entrySet()) {
                String[] place = copy.getValue().location().split(" - ", 2);
                DataField item = field(factory, "952", 'p', copy.getKey());
                item.addSubfield(factory.newSubfield('a', place[0]));
                item.addSubfield(factory.newSubfield('c', place[1]));
                item.addSubfield(factory.newSubfield('o', t.callNumber()));
                if (copy.getValue().status() == Copy.Status.ON_LOAN) {
                    item.addSubfield(factory.newSubfield('q', copy.getValue().due().toString()));
                }
                if (copy.getValue().status() == Copy.Status.LOST) {
                    item.addSubfield(factory.newSubfield('1', "1"));
                }
                marc.addVariableField(item);
            }
            writer.write(marc);
        }
        writer.close();
        Path file = Files.createTempFile("holdings", xml ? ".xml" : ".mrc");
        Files.write(file, out.toByteArray());
        file.toFile().deleteOnExit();
        return file;
    }

    private static DataField field(MarcFactory factory, String tag, char code, String value) {
        DataField field = factory.newDataField(tag, ' ', ' ');
        field.addSubfield(factory.newSubfield(code, value == null ? "" : value));
        return field;
    }
}
