package org.tanyapustaka.routing.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tanyapustaka.routing.intent.Intent.BOOK_SUGGESTION;
import static org.tanyapustaka.routing.intent.Intent.CATALOG_SEARCH;
import static org.tanyapustaka.routing.intent.Intent.CLEARANCE;
import static org.tanyapustaka.routing.intent.Intent.CSAT_RATING;
import static org.tanyapustaka.routing.intent.Intent.FINES;
import static org.tanyapustaka.routing.intent.Intent.GREETING;
import static org.tanyapustaka.routing.intent.Intent.HUMAN_HANDOVER;
import static org.tanyapustaka.routing.intent.Intent.LOAN_INFO;
import static org.tanyapustaka.routing.intent.Intent.LOAN_RENEWAL;
import static org.tanyapustaka.routing.intent.Intent.LOCATION_FACILITIES;
import static org.tanyapustaka.routing.intent.Intent.MEMBERSHIP;
import static org.tanyapustaka.routing.intent.Intent.MENU;
import static org.tanyapustaka.routing.intent.Intent.OPENING_HOURS;
import static org.tanyapustaka.routing.intent.Intent.OTHER;
import static org.tanyapustaka.routing.intent.Intent.PLAGIARISM_CHECK;
import static org.tanyapustaka.routing.intent.Intent.THANKS;
import static org.tanyapustaka.routing.intent.Intent.THESIS_DEPOSIT;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Focused behaviour of the classifier: the rules the accuracy numbers depend on. */
class IntentClassifierTest {

    private final IntentClassifier classifier = new IntentClassifier();

    private void assertReads(String text, String intent) {
        Classification result = classifier.classify(text);
        assertThat(result.intent().wireName()).as(result.explain()).isEqualTo(intent);
    }

    private Intent intentOf(String text) {
        return classifier.classify(text).intent();
    }

    @Test
    void wireNamesAreTheApiNames() {
        assertThat(Arrays.stream(Intent.values()).map(Intent::wireName)).containsExactly("greeting", "menu",
                "catalog_search", "opening_hours", "loan_renewal", "loan_info", "clearance", "plagiarism_check",
                "membership", "thesis_deposit", "book_suggestion", "location_facilities", "fines", "human_handover",
                "thanks", "csat_rating", "other");
        assertThat(Intent.fromWireName("Catalog_Search")).contains(CATALOG_SEARCH);
        assertThat(Intent.fromWireName("nope")).isEmpty();
        assertThat(Intent.LOAN_RENEWAL).hasToString("loan_renewal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"halo", "Haloooo kak", "selamat pagi min 🙏", "Assalamualaikum wr wb", "P", "hi there!",
            "good morning", "permisi kak", "siang min", "hai hai"})
    void aGreetingAloneIsAGreeting(String text) {
        Classification result = classifier.classify(text);
        assertThat(result.intent()).as(result.explain()).isEqualTo(GREETING);
        assertThat(result.confidence()).isGreaterThan(0.5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "halo kak, perpus buka jam brp?|opening_hours",
            "Assalamualaikum min, sy mau perpanjang buku gmn ya|loan_renewal",
            "selamat pagi, syarat bebas pustaka apa aja?|clearance",
            "hai kak 😊 ada buku kalkulus purcell ga?|catalog_search",
            "Hello, how do I renew my books?|loan_renewal",
            "permisi min mau tanya, denda telat brp per hari?|fines",
            "pagi kak, mau ngobrol sama pustakawan|human_handover"})
    void aGreetingFollowedByAQuestionAnswersTheQuestion(String text, String intent) {
        assertReads(text, intent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "perpus buka jam brp kak|id",
            "min sy mau perpanjang buku gmn|id",
            "What time does the library open?|en",
            "How do I renew my book?|en",
            "I want to talk to a librarian|en",
            "Thanks!|en",
            "makasih kak|id",
            "ada buku tere liye ga|id",
            "Do you have any books on machine learning?|en",
            "cek turnitin bayar ga min|id",
            "Is there wifi in the library?|en"})
    void detectsTheLanguageOfEachMessage(String text, String language) {
        assertThat(classifier.classify(text).language()).isEqualTo(language);
    }

    @Test
    void aMessageWithoutLanguageCluesKeepsTheConversationLanguage() {
        assertThat(classifier.classify("5", true, "en").language()).isEqualTo("en");
        assertThat(classifier.classify("menu", false, "en").language()).isEqualTo("en");
        assertThat(classifier.classify("menu").language()).isEqualTo("id");
        assertThat(classifier.classify("turnitin", false, "en").language()).isEqualTo("en");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "4", "5", " 5 ", "5 bintang", "4/5", "⭐⭐⭐⭐", "puas banget", "sangat puas",
            "kurang puas", "Very satisfied", "excellent", "mantap pelayanannya", "biasa aja"})
    void aNumberOrVerdictIsARatingRightAfterTheRatingQuestion(String text) {
        Classification result = classifier.classify(text, true);
        assertThat(result.intent()).as(result.explain()).isEqualTo(CSAT_RATING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "4", "5", "puas banget", "sangat puas"})
    void aBareNumberOrVerdictIsNoRatingOtherwise(String text) {
        assertThat(classifier.classify(text, false).intent()).isNotEqualTo(CSAT_RATING);
        assertThat(classifier.classify(text).intent()).isNotEqualTo(CSAT_RATING);
    }

    @Test
    void otherNumbersAndQuestionsAfterTheRatingQuestionAreNewMessages() {
        assertThat(classifier.classify("0", true).intent()).isEqualTo(MENU);
        assertThat(classifier.classify("0").intent()).isEqualTo(MENU);
        assertThat(classifier.classify("7", true).intent()).isEqualTo(OTHER);
        assertThat(classifier.classify("1011911045", true).intent()).isEqualTo(OTHER);
        assertThat(classifier.classify("perpus buka jam brp?", true).intent()).isEqualTo(OPENING_HOURS);
        assertThat(classifier.classify("makasih kak", true).intent()).isEqualTo(THANKS);
        assertThat(classifier.classify("mau ngobrol sama pustakawan lagi", true).intent()).isEqualTo(HUMAN_HANDOVER);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5|5", "5 bintang|5", "4/5|4", "⭐⭐⭐|3", "puas banget|5", "puas|4",
            "biasa aja|3", "kurang puas|2", "tidak puas|2", "kecewa|1", "Very satisfied|5", "poor|2"})
    void readsTheRatingValue(String text, int rating) {
        assertThat(classifier.shortReplies().ratingOf(text, null)).hasValue(rating);
    }

    @Test
    void noRatingValueInOrdinaryText() {
        assertThat(classifier.shortReplies().ratingOf("perpus buka jam brp", null)).isEqualTo(OptionalInt.empty());
        assertThat(classifier.shortReplies().ratingOf("12", null)).isEqualTo(OptionalInt.empty());
        assertThat(classifier.shortReplies().ratingOf("6", null)).isEqualTo(OptionalInt.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mau perpanjng buku kak|loan_renewal",
            "diperpanjng bs ga min|loan_renewal",
            "cek turnitn dmn kak|plagiarism_check",
            "plagiarsme skripsi sy tinggi bgt|plagiarism_check",
            "simliarity max brp persen|plagiarism_check",
            "dnda sy brp ya min|fines",
            "bebas pustka utk yudisium|clearance",
            "unggah mandri blm diverifikasi|thesis_deposit",
            "repositry kampus apa ya|thesis_deposit",
            "keanggotan perpus brp lama berlaku|membership",
            "pengadaan buku tahun ini kapan?|book_suggestion",
            "cek similarity brp lama prosesnya?|plagiarism_check"})
    void toleratesTyposButNotAtTheExpenseOfRealWords(String text, String intent) {
        assertReads(text, intent);
    }

    @Test
    void normalizesChatSpelling() {
        Classification result = classifier.classify("Min, sy mau tnya gmn cara minjem bukuuu di perpus??? 🙏🙏");
        assertThat(result.normalizedText())
                .isEqualTo("kak saya mau tanya bagaimana cara pinjam buku di perpustakaan");
        assertThat(result.intent()).isEqualTo(LOAN_INFO);
        assertThat(classifier.classify("makasiiih kak").intent()).isEqualTo(THANKS);
        assertThat(classifier.classify("dasar2 ilmu politik ada?").normalizedText())
                .isEqualTo("dasar dasar ilmu politik ada");
        assertThat(classifier.classify("I'd like to suggest a book").normalizedText())
                .isEqualTo("i would like to suggest a book");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cari buku metodologi penelitian|catalog_search",
            "ada buku pengantar akuntansi ga?|catalog_search",
            "buku karangan Tere Liye|catalog_search",
            "isbn 978-602-8519-93-9|catalog_search",
            "9786020332956 ada?|catalog_search",
            "filsafat ilmu jujun suriasumantri ada ga|catalog_search",
            "Do you have Clean Code by Robert Martin?|catalog_search"})
    void recognisesCatalogueSearches(String text, String intent) {
        assertReads(text, intent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mau ngobrol sama pustakawan|human_handover",
            "bisa bicara dengan petugas?|human_handover",
            "admin|human_handover",
            "CS|human_handover",
            "mau komplain soal denda, sy ga telat kok|human_handover",
            "bot nya ga nyambung, minta orang aja|human_handover",
            "I want to talk to a librarian|human_handover"})
    void askingForAPersonWins(String text, String intent) {
        assertReads(text, intent);
    }

    @Test
    void theBriefsExamplesLandWhereTheyShould() {
        List<Object[]> examples = List.of(
                new Object[] {"denda", FINES},
                new Object[] {"kapan harus balikin buku", LOAN_INFO},
                new Object[] {"berapa lama pinjam", LOAN_INFO},
                new Object[] {"maks pinjam berapa buku", LOAN_INFO},
                new Object[] {"perpanjang", LOAN_RENEWAL},
                new Object[] {"surat keterangan bebas perpustakaan", CLEARANCE},
                new Object[] {"SKBP", CLEARANCE},
                new Object[] {"unggah mandiri", THESIS_DEPOSIT},
                new Object[] {"upload skripsi", THESIS_DEPOSIT},
                new Object[] {"serah simpan", THESIS_DEPOSIT},
                new Object[] {"penyerahan TA", THESIS_DEPOSIT},
                new Object[] {"usulan buku", BOOK_SUGGESTION},
                new Object[] {"request buku", BOOK_SUGGESTION},
                new Object[] {"wifi", LOCATION_FACILITIES},
                new Object[] {"loker", LOCATION_FACILITIES},
                new Object[] {"ruang diskusi", LOCATION_FACILITIES},
                new Object[] {"lokasi perpus dimana", LOCATION_FACILITIES},
                new Object[] {"fotokopi", LOCATION_FACILITIES},
                new Object[] {"parkir", LOCATION_FACILITIES},
                new Object[] {"kartu anggota", MEMBERSHIP},
                new Object[] {"daftar anggota", MEMBERSHIP},
                new Object[] {"alumni bisa pinjam?", MEMBERSHIP},
                new Object[] {"turnitin", PLAGIARISM_CHECK},
                new Object[] {"cek plagiasi", PLAGIARISM_CHECK},
                new Object[] {"jam buka", OPENING_HOURS},
                new Object[] {"sabtu buka?", OPENING_HOURS},
                new Object[] {"libur", OPENING_HOURS},
                new Object[] {"thx", THANKS},
                new Object[] {"oke siap", THANKS},
                new Object[] {"terima kasih", THANKS},
                new Object[] {"menu", MENU},
                new Object[] {"layanan apa aja", MENU},
                new Object[] {"what time does the library open", OPENING_HOURS},
                new Object[] {"how do I renew my book", LOAN_RENEWAL});
        for (Object[] example : examples) {
            Classification result = classifier.classify((String) example[0]);
            assertThat(result.intent()).as(example[0] + " → " + result.explain()).isEqualTo(example[1]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"asdfghjkl", "siapa presiden indonesia", "bayar UKT lewat mana", "🙂", "...",
            "hmm", "jadwal KRS kapan dibuka min"})
    void unclearOrOutOfScopeMessagesAreOther(String text) {
        Classification result = classifier.classify(text);
        assertThat(result.intent()).as(result.explain()).isEqualTo(OTHER);
    }

    @Test
    void lowConfidenceIsOtherAndSaysSo() {
        Classification unclear = classifier.classify("asdfghjkl");
        assertThat(unclear.confidence()).isLessThanOrEqualTo(IntentClassifier.MIN_CONFIDENCE);
        Classification clear = classifier.classify("min sy mau perpanjang pinjaman buku");
        assertThat(clear.confidence()).isGreaterThan(0.7);
        assertThat(classifier.classify(null).intent()).isEqualTo(OTHER);
        assertThat(classifier.classify("").confidence()).isZero();
    }

    @Test
    void explainsItsVerdict() {
        Classification result = classifier.classify("halo kak, bisa diperpanjang ga bukunya?");
        assertThat(result.intent()).isEqualTo(LOAN_RENEWAL);
        assertThat(result.cues()).contains("diperpanjang", "rule: greeting followed by a question answers the question");
        assertThat(result.explain()).startsWith("loan_renewal (").contains("diperpanjang");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lampu toilet lt 3 mati, tolong dibenerin", "AC di ruang diskusi bocor kak, tolong diperbaiki",
            "kok hari ini tutup, kan jadwalnya buka", "mau lapor min, ada yg merokok di tangga darurat",
            "wastafel di lantai 2 mampet dan bau, mohon dibersihkan", "The lights on the 2nd floor are broken, please fix them",
            "petugas di meja sirkulasi kurang ramah"})
    void complaintsAndReportsGoToAPerson(String text) {
        Classification result = classifier.classify(text);
        assertThat(result.intent()).as(result.explain()).isEqualTo(HUMAN_HANDOVER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELAMAT nomor anda dapat hadiah pulsa, klik link bit.ly/xyz",
            "PROMO pinjol dana cepat cair tanpa agunan! hubungi segera", "Forwarded: sebarkan ke grup lain, info penting",
            "We offer cheap SEO services. Reply YES for a free quote", "follow dan vote akun ig kami ya, link di bio"})
    void spamIsOtherAndMarkedAsSpam(String text) {
        Classification result = classifier.classify(text);
        assertThat(result.intent()).as(result.explain()).isEqualTo(OTHER);
        assertThat(result.spam()).as(result.explain()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bayar UKT lewat mana", "asdfghjkl", "link repository kampus apa ya?", "klik menu apa ya kak",
            "ada buku tentang promosi kesehatan?"})
    void ordinaryMessagesAreNoSpam(String text) {
        assertThat(classifier.classify(text).spam()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kartu perpus sy udh expired, gmn cara aktifinnya lagi?|membership",
            "masa berlaku kartu anggota habis, perpanjangnya dimana?|membership",
            "lupa password akun OPAC, bisa direset?|membership",
            "I forgot my library account password|membership",
            "tolong dibeliin dong kak buku itu|book_suggestion",
            "bisa ditambah eksemplarnya ga min? selalu dipinjam orang|book_suggestion",
            "mau urus surat bebas pustaka tapi masih ada denda, bayar dendanya dimana?|fines",
            "bukan mau perpanjang, mau tanya dendanya berapa|fines",
            "selamat pagi Bapak pustakawan yang saya hormati|greeting",
            "layanan|menu",
            "info|menu"})
    void membershipSuggestionsFinesAndDisclaimers(String text, String intent) {
        assertReads(text, intent);
    }
}
