package org.tanyapustaka.catalog.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small rules every reader shares: ISBD punctuation, ISBNs, years and language names. */
class CatalogueTextTest {

    @ParameterizedTest(name = "''{0}'' → ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "Summerland /|Summerland",
        "The amazing adventures of Kavalier and Clay :|The amazing adventures of Kavalier and Clay",
        "Chabon, Michael.|Chabon, Michael",
        "Miramax Books/Hyperion Books for Children,|Miramax Books/Hyperion Books for Children",
        "Tolkien, J. R. R.|Tolkien, J. R. R.",
        "Navis, A.A.|Navis, A.A.",
        "D. McKay Co.|D. McKay Co.",
        "Gramedia Pustaka Utama ;|Gramedia Pustaka Utama",
        "[Bern] :|Bern",
        "[S.l. :|S.l.",
        "  Laskar   Pelangi  =|Laskar Pelangi",
        "Kumpulan soal...|Kumpulan soal...",
        "Apa kabar?|Apa kabar?"})
    void isbdPunctuationIsStrippedButInitialsAndAbbreviationsKeepTheirPeriod(String raw, String clean) {
        assertThat(Isbd.clean(raw)).isEqualTo(clean);
    }

    @Test
    void decomposedAccentsAreComposedAndBlanksBecomeNull() {
        assertThat(Isbd.clean("Orgueil et pre\u0301juge\u0301s.")).isEqualTo("Orgueil et préjugés");
        assertThat(Isbd.clean(" / ")).isNull();
        assertThat(Isbd.normalize("a\tb\u001Fc")).isEqualTo("a b c");
    }

    @Test
    void unknownPlaceAndPublisherAreLeftEmpty() {
        assertThat(Isbd.place("[S.l.]")).isNull();
        assertThat(Isbd.place("[S.l. :")).isNull();
        assertThat(Isbd.publisher("s.n.]")).isNull();
        assertThat(Isbd.publisher("[s.n.],")).isNull();
        assertThat(Isbd.place("[Jakarta] :")).isEqualTo("Jakarta");
    }

    @Test
    void isbnsAreFoundInWhatCataloguersWrite() {
        assertThat(Isbn.findAll("0-306-40615-2 (pbk.)")).containsExactly("0306406152");
        assertThat(Isbn.findAll("ISBN 978-979-3062-79-2")).containsExactly("9789793062792");
        assertThat(Isbn.findAll("9780306406157 : Rp50.000")).containsExactly("9780306406157");
        assertThat(Isbn.findAll("0306406152 9780306406157")).containsExactly("0306406152", "9780306406157");
        assertThat(Isbn.findAll("080442957x")).containsExactly("080442957X");
        assertThat(Isbn.findAll("ISSN 0852-8349")).isEmpty();
        assertThat(Isbn.findAll(null)).isEmpty();
    }

    @Test
    void isbnCheckDigitsAreVerified() {
        assertThat(Isbn.hasValidCheckDigit("0306406152")).isTrue();
        assertThat(Isbn.hasValidCheckDigit("080442957X")).isTrue();
        assertThat(Isbn.hasValidCheckDigit("9780306406157")).isTrue();
        assertThat(Isbn.hasValidCheckDigit("9780306406158")).isFalse();
        assertThat(Isbn.hasValidCheckDigit("1765116200")).isFalse();
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
        "c2004.|2004",
        "[2015]|2015",
        "1425 H/2004 M|2004",
        "2547 [2004]|2004",
        "Cet. 3, 2019|2019",
        "19--|",
        "1425H.|",
        "|"})
    void yearIsTheFirstPlausibleGregorianYear(String text, Integer year) {
        assertThat(PublicationYear.fromText(text)).isEqualTo(year);
    }

    @Test
    void yearFrom008UsesDateOneOnlyWhenItIsFourDigits() {
        assertThat(PublicationYear.from008("120829t20132012nyu      bk   001 0ceng  ")).isEqualTo(2013);
        assertThat(PublicationYear.from008("850101s19uu    xx            000 0 und d")).isNull();
        assertThat(PublicationYear.from008("short")).isNull();
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
        "Indonesia|ind", "Bahasa Indonesia|ind", "indonesian|ind", "id|ind", "IND|ind",
        "English|eng", "Inggris|eng", "en-US|eng", "Jawa|jav", "Arab|ara", "Belanda|dut",
        "Klingon|", "  |"})
    void languageNamesBecomeMarcCodes(String name, String code) {
        assertThat(LanguageCodes.fromNameOrCode(name)).isEqualTo(code);
    }

    @Test
    void marcLanguageCodesIgnoreBlanksAndFillCharacters() {
        assertThat(LanguageCodes.fromMarcCode("engfre")).isEqualTo("eng");
        assertThat(LanguageCodes.fromMarcCode("|||")).isNull();
        assertThat(LanguageCodes.fromMarcCode("   ")).isNull();
        assertThat(LanguageCodes.fromMarcCode("fra")).isEqualTo("fre");
    }
}
