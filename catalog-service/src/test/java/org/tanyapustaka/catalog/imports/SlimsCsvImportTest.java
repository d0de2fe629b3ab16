package org.tanyapustaka.catalog.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.catalog.imports.SharedData.failures;
import static org.tanyapustaka.catalog.imports.SharedData.records;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tanyapustaka.catalog.CatalogueFixture;
import org.tanyapustaka.catalog.imports.BibRecord.Copy;

/**
 * The demo catalogue ({@code data/indonesian/catalogue-id.csv} at the repository root) and SLiMS 9 bibliographic exports, written
 * here the way SLiMS's {@code admin/modules/bibliography/export.php} writes them: every value enclosed in quotes
 * that are not escaped, a header (when asked for) that ends with a separator, multiple values as {@code <a><b>}.
 * The rows are titles of the demo catalogue.
 */
class SlimsCsvImportTest {

    private static final String SLIMS_HEADER = SlimsCsvImport.SLIMS_COLUMNS.stream()
            .map(c -> "\"" + c + "\"").collect(Collectors.joining(",")) + ",";

    private static final List<String> SLIMS_ROWS = List.of(
            slims("Algoritma dan Pemrograman : dalam Bahasa Pascal, C, dan C++", "Text", "", "", "Informatika", "2016",
                    "xvi, 500 hlm. ; 23 cm", "", "005.1 MUN a", "Indonesia", "Bandung", "005.1", "", "", "Rinaldi Munir",
                    "<Munir, Rinaldi>", "<Algoritma><Pemrograman komputer><Bahasa C>", "<B0001><B0002><B0003>"),
            slims("Laskar Pelangi", "Text", "Cet. 1", "978-979-3062-79-2", "Bentang Pustaka", "2005", "xiv, 529 hlm.",
                    "", "899.2213 HIR l", "Bahasa Indonesia", "Yogyakarta", "899.2213",
                    "Kisah sepuluh anak Belitung yang bersekolah di SD Muhammadiyah Gantong.", "laskar.jpg",
                    "Andrea Hirata", "<Hirata, Andrea>", "<Novel Indonesia><Fiksi><Belitung>", "<B0241>"),
            slims("Introduction to Algorithms", "Text", "3rd ed.", "9780262033848", "MIT Press", "2009", "", "", "",
                    "Inggris", "Cambridge, MA", "005.1 COR i", "", "", "",
                    "<Cormen, Thomas H.><Leiserson, Charles E.><Rivest, Ronald L.><Stein, Clifford>",
                    "<Algoritma><Struktur data>", "<B0283><B0284>"),
            "\"Metode Numerik\",\"Text\",\"\",\"\",\"Informatika\",\"2010\",\"\",\"\",\"518 MUN m\"",
            slims("Kumpulan Cerpen \"Robohnya Surau Kami\"", "Text", "", "", "Gramedia Pustaka Utama", "2010", "", "", "",
                    "Indonesia", "Jakarta", "899.2213", "", "", "", "<Navis, A.A.>", "<Cerita pendek>", "<B0400>"),
            slims("", "Text", "", "", "Informatika", "2012", "", "", "", "Indonesia", "Bandung", "", "", "", "", "", "", ""),
            slims("Kriptografi", "Text", "", "", "Informatika", "2006", "", "", "005.82 MUN k", "Indonesia", "Bandung", "",
                    "", "", "", "<Munir, Rinaldi>", "<Kriptografi>", "<B0005>").replaceFirst("^\"Kriptografi\"", "\"Kriptografi"),
            slims("Matematika Diskrit", "Text", "", "", "Informatika", "2012", "", "", "511.1 MUN m", "id", "Bandung", "",
                    "", "", "", "<Munir, Rinaldi>", "<Matematika diskrit><Teori graf>", "<B0002-1><B0002-2>"));

    @Test
    void demoCatalogueHas300RecordsIn280IndonesianAnd20English() {
        List<ReadOutcome> outcomes = read(CatalogueFixture.CATALOGUE);

        assertThat(outcomes).hasSize(300);
        assertThat(failures(outcomes)).isEmpty();
        assertThat(outcomes).extracting(ReadOutcome::position)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 300).boxed().toList());
        assertThat(records(outcomes)).filteredOn(r -> "ind".equals(r.language())).hasSize(280);
        assertThat(records(outcomes)).filteredOn(r -> "eng".equals(r.language())).hasSize(20);
        assertThat(records(outcomes)).extracting(BibRecord::sourceId).doesNotHaveDuplicates();
        assertThat(records(outcomes)).allMatch(r -> r.source().equals("catalogue-csv"));
        assertThat(records(outcomes).stream().mapToInt(r -> r.copies().size()).sum()).isEqualTo(793);
        assertThat(records(outcomes)).filteredOn(r -> !r.isbns().isEmpty()).hasSize(15); // README: 15 ISBNs
    }

    @Test
    void demoCatalogueCopiesAreNumberedFromTheIdAtTheirLocation() {
        BibRecord b001 = SharedData.record(read(CatalogueFixture.CATALOGUE), "B001");

        assertThat(b001.title()).isEqualTo("Algoritma dan Pemrograman dalam Bahasa Pascal, C, dan C++");
        assertThat(b001.authors()).containsExactly("Munir, Rinaldi");
        assertThat(b001.publisher()).isEqualTo("Informatika");
        assertThat(b001.place()).isEqualTo("Bandung");
        assertThat(b001.year()).isEqualTo(2016);
        assertThat(b001.subjects()).containsExactly("Algoritma", "Pemrograman komputer", "Bahasa C",
                "Pascal (bahasa pemrograman)");
        assertThat(b001.callNumber()).isEqualTo("005.1 MUN a");
        assertThat(b001.copies()).hasSize(5).allSatisfy(c -> {
            assertThat(c.location()).isEqualTo("Lantai 1 - Koleksi Umum");
            assertThat(c.status()).isEqualTo(Copy.Status.AVAILABLE);
            assertThat(c.callNumber()).isEqualTo("005.1 MUN a");
            assertThat(c.dueDate()).isNull();
        });
        assertThat(b001.copies()).extracting(Copy::barcode)
                .containsExactly("B001-1", "B001-2", "B001-3", "B001-4", "B001-5");
    }

    @Test
    void demoCatalogueAuthorsAndIsbnsAreSplitAndNormalised() {
        List<ReadOutcome> outcomes = read(CatalogueFixture.CATALOGUE);

        BibRecord cormen = SharedData.record(outcomes, "B283");
        assertThat(cormen.authors()).containsExactly("Cormen, Thomas H.", "Leiserson, Charles E.", "Rivest, Ronald L.",
                "Stein, Clifford");
        assertThat(cormen.place()).isEqualTo("Cambridge, MA");
        assertThat(cormen.isbns()).containsExactly("9780262033848");
        assertThat(SharedData.record(outcomes, "B241").isbns()).containsExactly("9789793062792");
    }

    @Test
    void slimsExportWithHeaderIsReadRowByRowAndBrokenRowsNameTheirLine() {
        List<ReadOutcome> outcomes = read(SLIMS_HEADER + "\n" + String.join("\n", SLIMS_ROWS) + "\n");

        assertThat(outcomes).extracting(ReadOutcome::position).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(outcomes).extracting(ReadOutcome::ok).containsExactly(true, true, true, false, true, false, false, true);
        assertThat(failures(outcomes)).extracting(ReadOutcome::failure).containsExactly(
                "line 5: expected 18 columns, found 9 (a row cut short, or a separator missing?)",
                "line 7: no title",
                "line 8: expected 18 columns, found 17 (a row cut short, or a separator missing?)");
        assertFirstThreeSlimsRecords(outcomes);
    }

    @Test
    void slimsExportWithoutHeaderIsReadInSlimsColumnOrder() {
        List<ReadOutcome> outcomes = read(String.join("\n", SLIMS_ROWS) + "\n");

        assertThat(outcomes).hasSize(8);
        assertThat(failures(outcomes)).extracting(ReadOutcome::failure)
                .containsExactly("line 4: expected 18 columns, found 9 (a row cut short, or a separator missing?)",
                        "line 6: no title",
                        "line 7: expected 18 columns, found 17 (a row cut short, or a separator missing?)");
        assertFirstThreeSlimsRecords(outcomes);
    }

    @Test
    void slimsTitleWithUndoubledQuotesIsReadLenientlyWithAWarning() {
        ReadOutcome navis = read(SLIMS_HEADER + "\n" + String.join("\n", SLIMS_ROWS)).get(4);

        assertThat(navis.record().title()).isEqualTo("Kumpulan Cerpen \"Robohnya Surau Kami\"");
        assertThat(navis.record().authors()).containsExactly("Navis, A.A.");
        assertThat(navis.sourceId()).isEqualTo("B0400");
        assertThat(navis.warnings()).containsExactly("quotes inside a field are not doubled; the row was read leniently");
    }

    @Test
    void unclosedQuoteCostsOnlyItsOwnLine() {
        List<ReadOutcome> outcomes = read(SLIMS_HEADER + "\n" + String.join("\n", SLIMS_ROWS));

        BibRecord diskrit = outcomes.get(7).record();
        assertThat(diskrit.title()).isEqualTo("Matematika Diskrit");
        assertThat(diskrit.language()).isEqualTo("ind");
        assertThat(diskrit.copies()).extracting(Copy::barcode).containsExactly("B0002-1", "B0002-2");
    }

    @Test
    void slimsRecordSeparatorCarriageReturnAndWindows1252AreUnderstood() {
        String rows = SLIMS_HEADER + "\r" + slims("Café Kopi Kenangan : esai", "Text", "", "", "Kepustakaan Populer Gramedia",
                "c2019", "", "", "", "Indonesia", "Jakarta", "", "", "", "", "<Lubis, Mochtar>", "", "") + "\r";

        List<ReadOutcome> outcomes = SlimsCsvImport.read(new ByteArrayInputStream(rows.getBytes(Charset.forName("windows-1252"))))
                .toList();

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.record().title()).isEqualTo("Café Kopi Kenangan");
            assertThat(o.record().subtitle()).isEqualTo("esai");
            assertThat(o.record().year()).isEqualTo(2019);
            assertThat(o.record().copies()).isEmpty();
            assertThat(o.sourceId()).isNull();
        });
    }

    @Test
    void semicolonSeparatedExcelSaveReadsLikeTheCommaSeparatedOriginal() throws IOException {
        List<String> lines = Files.readAllLines(CatalogueFixture.CATALOGUE, StandardCharsets.UTF_8).subList(0, 30);
        String semicolons = "\uFEFF" + lines.stream().map(SlimsCsvImportTest::toSemicolons).collect(Collectors.joining("\r\n"));

        List<ReadOutcome> excel = read(semicolons);
        List<ReadOutcome> original = read(String.join("\n", lines));

        assertThat(excel).hasSize(29).allMatch(ReadOutcome::ok);
        assertThat(records(excel)).isEqualTo(records(original));
    }

    @Test
    void demoRowWithACopyCountThatIsNotANumberFailsAndTheNextRowIsRead() {
        String csv = "id,title,subtitle,authors,publisher,place,year,isbn,language,subjects,ddc_call_number,copies,location\n"
                + "B003,Metode Numerik,,\"Munir, Rinaldi\",Informatika,Bandung,2010,,ind,Metode numerik,518 MUN m,lima,Lantai 1 - Koleksi Umum\n"
                + "\n"
                + "B004,Pengolahan Citra Digital,,\"Munir, Rinaldi\",Informatika,Bandung,dua ribu,,Sunda,Pengolahan citra,006.6 MUN p,2,Lantai 1 - Koleksi Umum\n";

        List<ReadOutcome> outcomes = read(csv);

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0).failure()).isEqualTo("line 2: copies 'lima' is not a whole number of copies");
        assertThat(outcomes.get(0).sourceId()).isEqualTo("B003");
        ReadOutcome citra = outcomes.get(1);
        assertThat(citra.record().year()).isNull();
        assertThat(citra.record().language()).isEqualTo("sun");
        assertThat(citra.warnings()).containsExactly("year 'dua ribu' is not a year; left empty");
        assertThat(citra.record().copies()).extracting(Copy::barcode).containsExactly("B004-1", "B004-2");
    }

    @Test
    void emptyFileIsOneFailure() {
        assertThat(read("")).singleElement().extracting(ReadOutcome::failure).isEqualTo("line 1: the file is empty");
    }

    private static void assertFirstThreeSlimsRecords(List<ReadOutcome> outcomes) {
        BibRecord algoritma = outcomes.get(0).record();
        assertThat(algoritma.source()).isEqualTo("slims-csv");
        assertThat(algoritma.sourceId()).isEqualTo("B0001");
        assertThat(algoritma.title()).isEqualTo("Algoritma dan Pemrograman");
        assertThat(algoritma.subtitle()).isEqualTo("dalam Bahasa Pascal, C, dan C++");
        assertThat(algoritma.authors()).containsExactly("Munir, Rinaldi");
        assertThat(algoritma.publisher()).isEqualTo("Informatika");
        assertThat(algoritma.place()).isEqualTo("Bandung");
        assertThat(algoritma.year()).isEqualTo(2016);
        assertThat(algoritma.language()).isEqualTo("ind");
        assertThat(algoritma.subjects()).containsExactly("Algoritma", "Pemrograman komputer", "Bahasa C");
        assertThat(algoritma.callNumber()).isEqualTo("005.1 MUN a");
        assertThat(algoritma.copies()).containsExactly(
                new Copy("B0001", "005.1 MUN a", null, Copy.Status.AVAILABLE, null),
                new Copy("B0002", "005.1 MUN a", null, Copy.Status.AVAILABLE, null),
                new Copy("B0003", "005.1 MUN a", null, Copy.Status.AVAILABLE, null));

        BibRecord laskar = outcomes.get(1).record();
        assertThat(laskar.isbns()).containsExactly("9789793062792");
        assertThat(laskar.language()).isEqualTo("ind");
        assertThat(laskar.summary()).startsWith("Kisah sepuluh anak Belitung");

        BibRecord cormen = outcomes.get(2).record();
        assertThat(cormen.language()).isEqualTo("eng"); // "Inggris"
        assertThat(cormen.authors()).hasSize(4).startsWith("Cormen, Thomas H.");
        assertThat(cormen.callNumber()).isEqualTo("005.1 COR i"); // classification when call_number is empty
        assertThat(cormen.copies()).extracting(Copy::barcode).containsExactly("B0283", "B0284");
    }

    /** A row as SLiMS 9 writes it: every value enclosed in quotes, nothing escaped, no separator at the end. */
    private static String slims(String... values) {
        assertThat(values).hasSize(18);
        return Arrays.stream(values).map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
    }

    private static String toSemicolons(String line) {
        List<String> fields = new CsvRows(new BufferedReader(new StringReader(line)), ',').lenient(line);
        return fields.stream().map(f -> f.contains(";") || f.contains("\"") ? "\"" + f.replace("\"", "\"\"") + "\"" : f)
                .collect(Collectors.joining(";"));
    }

    private static List<ReadOutcome> read(Path path) {
        try (Stream<ReadOutcome> outcomes = SlimsCsvImport.read(path)) {
            return outcomes.toList();
        }
    }

    private static List<ReadOutcome> read(String csv) {
        try (Stream<ReadOutcome> outcomes = SlimsCsvImport.read(new StringReader(csv))) {
            return outcomes.toList();
        }
    }
}
