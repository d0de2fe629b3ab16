package org.tanyapustaka.routing.intent;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Word lists for reading chat Indonesian and English: spelling variants and abbreviations as typed on phones (mapped
 * to one standard form), words that carry no topic, and the words that tell the two languages apart.
 */
final class Lexicon {

    private Lexicon() {
    }

    /** A set from a word list that may repeat words. */
    private static Set<String> words(String... words) {
        return Set.copyOf(Arrays.asList(words));
    }

    /** Address words ("kak", "min", "pak") are all read as this one token. */
    static final String ADDRESS = "kak";

    /** Chat spelling → standard form (may be several words). Keys are single lower-case tokens. */
    static final Map<String, String> VARIANTS = new HashMap<>();

    private static void variants(String standard, String... spellings) {
        for (String spelling : spellings) {
            VARIANTS.put(spelling, standard);
        }
    }

    static {
        // question words and function words
        variants("bagaimana", "gmn", "gmna", "gimana", "gmana", "bgmn", "bgm", "gimn", "gmnn", "gmn2", "bagaimanakah");
        variants("berapa", "brp", "brapa", "brpa", "berapaan", "brph", "brapaan");
        variants("jam", "jm");
        variants("yang", "yg", "yng", "ygy");
        variants("untuk", "utk", "untk", "utuk", "ut", "tuk");
        variants("saya", "sy", "sya", "aku", "aq", "gw", "gue", "gua", "ane", "sayah", "akuh", "kamek", "ak");
        variants("sudah", "udh", "udah", "sdh", "dah", "uda", "udeh", "sdah");
        variants("belum", "blm", "blom", "belom", "blum", "lom");
        variants("mahasiswa", "mhs", "mhsw", "mahasiwa", "mahasisw");
        variants("perpustakaan", "perpus", "perpust", "perpustakan", "perpustaka", "pustakaan", "perpuss", "prpus",
                "perpusatakaan", "perpsutakaan", "lib");
        variants("tugas akhir", "ta");
        variants("dengan", "dgn", "dg", "dng", "ken");
        variants("tidak", "tdk", "gak", "ga", "nggak", "ngga", "enggak", "engga", "gk", "g", "kagak", "dak", "ndak",
                "nda", "tak", "gaa", "gakk", "nggk", "kaga", "ngak", "nga", "gx", "ora", "hong");
        variants("bisa", "bs", "bsa", "bisaa", "isa");
        variants("kapan", "kpn", "kapn");
        variants("di mana", "dmn", "dimana", "dmana", "dimn", "dimanakah");
        variants("ke mana", "kmn", "kemana", "kmana");
        variants("kenapa", "knp", "napa", "ngape", "ngapa", "knapa");
        variants("tanggal", "tgl");
        variants("sekarang", "skrg", "skrng", "skr", "skg");
        variants("lagi", "lg", "lgi");
        variants("kalau", "klo", "kalo", "kl", "klu", "kalu");
        variants("harus", "hrs", "kudu", "musti", "mesti");
        variants("masih", "msh", "masi", "masihh");
        variants("banget", "bgt", "bngt", "bgtt", "bener2", "bangettt", "pisan");
        variants("karena", "krn", "krna", "karna", "soalnya");
        variants("tapi", "tp", "tpi", "tetapi");
        variants("juga", "jg", "jga");
        variants("sama", "sm", "ama", "ame");
        variants("orang", "org", "orng");
        variants("besok", "bsk", "besuk", "esok");
        variants("langsung", "lgsg", "lgsng", "lsg", "langsg");
        variants("tentang", "ttg", "tntg", "tentng", "mengenai", "perihal");
        variants("eksemplar", "eks", "eksp", "exemplar", "examplar", "eksemplarnya");
        variants("bahasa", "bhs", "bhsa");
        variants("banyak", "bnyk", "byk", "bnyak");
        variants("makasih", "mksh", "makasi", "mkasih", "maksih", "mkash", "mksi", "makasii", "mks", "mkasi",
                "makasihh", "maacih", "macih", "makaci", "kasih2");
        variants("thanks", "thx", "thnks", "tks", "tq", "ty", "tengkyu", "tenkyu", "thankyou", "thanx", "trims",
                "trimakasih", "terimakasih", "trmksh", "trimksh", "trmkasih", "trimakasi", "tengkiu", "thank");
        variants("dari", "dr");
        variants("pada", "pd");
        variants("saja", "aja", "ajah", "ja", "doang", "sj", "bae");
        variants("sedang", "sdg", "lagi2");
        variants("jadi", "jd", "jdi");
        variants("bukan", "bkn");
        variants("dapat", "dpt", "dapet");
        variants("terus", "trs", "trus");
        variants("benar", "bner", "bener", "beneran");
        variants("tadi", "td", "tdi");
        variants("kemarin", "kmrn", "kemaren", "kmarin");
        variants("pinjam", "pinjem", "minjem", "minjam", "pnjm", "pjm", "minjm", "pinjm");
        variants("kembalikan", "balikin", "ngembaliin", "kembaliin", "balikan", "mbalikin", "ngembalikan", "blkn",
                "balikinnya", "balikkan");
        variants("dalam", "dlm");
        variants("sebelum", "sblm");
        variants("setelah", "stlh", "sesudah");
        variants("sampai", "smpe", "sampe", "smp", "ampe");
        variants("tanya", "nanya", "tny", "tnya", "tanyak", "tanyaa", "nyanya", "tanyain");
        variants("mau", "mo", "pengen", "pgn", "ingin", "pingin", "kepengen", "mw", "mao", "nak", "pengin", "maw");
        variants("cari", "nyari", "nyariin", "cariin", "carikan", "nyri", "cri");
        variants("buat", "bikin", "bkin", "bkn2");
        variants("hilang", "ilang", "ilng", "hilng");
        variants("urus", "ngurus", "ngurusin", "urusin");
        variants("ajukan", "ngajuin", "ajuin", "ngajukan");
        variants("apa", "ape", "ap", "apaan", "apakah");
        variants("ada", "ade", "ad", "adakah");
        variants("buku", "bku", "bk", "boku", "bukuu");
        variants("tolong", "tlg", "tlng", "tulung", "plis", "pliss");
        variants("please", "pls", "plz", "plss");
        variants("you", "u", "yu");
        variants("your", "ur");
        variants("terlambat", "telat", "tlt", "tlat");
        variants("bicara", "ngomong", "ngmg", "ngobrol", "ngobrolin", "berbicara", "omong");
        variants("hubungkan", "sambungin", "sambungkan", "disambungkan", "disambungin", "hubungin", "nyambungin",
                "connectin");
        variants("nomor", "no", "nmr", "nomer");
        variants("minggu", "mgg", "mg");
        variants("jumat", "jumaat", "jum", "jmt");
        variants("sabtu", "sbtu", "sbt");
        variants("buka", "bka", "bukak", "buk4");
        variants("tutup", "tutp", "ttp");
        variants("titip", "nitip", "nitipin", "titipin");
        variants("wifi", "wi", "wify", "wf");
        variants("fotokopi", "fotocopy", "fotokopy", "fc", "fotkop", "potokopi", "photocopy", "fotocopi");
        variants("turnitin", "tunitin", "turnitinn", "turnitin2");
        variants("similarity", "similariti", "similaritas", "similarty", "similiarity");
        variants("gratis", "free", "geratis");
        variants("informasi", "info", "infonya", "informasinya");
        variants("oke", "ok", "okay", "okey", "oki", "okee", "oce", "okeh", "okai", "okk", "okeoke", "sip", "siip",
                "sipp", "oks");
        variants("repositori", "repository", "repo", "repositoy", "repositry", "repostori");
        variants("plagiasi", "plagiat", "plagiarisme", "plagiarism", "plagiarsm", "plagiarime", "plagiatnya");
        variants("pustakawan", "pustakawannya", "pustakwan", "pustakawati");
        variants("assalamualaikum", "asalamualaikum", "assalamualaikom", "assalamualaykum", "asslamualaikum",
                "assalamu", "asw", "ass", "aslm", "assalamualikum", "samlekom", "assalamu'alaikum");
        variants("halo", "hallo", "helo", "haloo", "hallow", "halow", "alo");
        variants("selamat", "slmt", "met", "selmat");
        variants("permisi", "misi", "mmisi", "punten", "excuse");
        variants("malam", "malem", "mlm");
        variants("komplain", "complain", "komplen", "komplin", "complaint");
        // English contractions arrive as separate words ("don't" → "do not")
        variants("want to", "wanna");
        variants("going to", "gonna");
        for (String address : new String[] {"kak", "ka", "kk", "kaka", "kakak", "kakk", "min", "mimin", "minn", "mint",
                "bang", "mas", "mbak", "mba", "pak", "bu", "bapak", "ibu", "sis", "gan", "bro", "sob", "dik", "dek",
                "om", "kaa", "kakaa", "teh", "akang", "uda", "bg", "bund", "cik", "koh", "sus", "sist"}) {
            VARIANTS.putIfAbsent(address, ADDRESS);
        }
    }

    /** Words that never name a topic (used to tell titles and subjects apart from chat). */
    static final Set<String> STOPWORDS = new HashSet<>(words(
            // Indonesian function words and chat particles
            "yang", "di", "ke", "dari", "dan", "atau", "untuk", "dengan", "pada", "dalam", "ini", "itu", "ya", "yah",
            "dong", "sih", "nih", "deh", "kok", "lah", "kah", "pun", "kan", "tah", "loh", "lho", "wkwk", "wkwkwk",
            "hehe", "haha", "hihi", "xixi", "eh", "ehm", "hmm", "nah", "oh", "oiya", "oya", "iya", "iy", "yaa", "ya",
            "apa", "siapa", "mana", "kapan", "bagaimana", "berapa", "kenapa", "mengapa", "adakah", "apakah", "gitu",
            "begitu", "begini", "gini", "saya", "kami", "kita", "anda", "kamu", "dia", "mereka", "kalian", "sana",
            "sini", "situ", "tidak", "bukan", "belum", "sudah", "masih", "akan", "sedang", "lagi", "telah", "pernah",
            "bisa", "dapat", "boleh", "harus", "perlu", "mau", "ingin", "tolong", "mohon", "minta", "coba", "ada",
            "saja", "juga", "sama", "terus", "banget", "sangat", "sekali", "lebih", "kurang", "paling", "agak",
            "jadi", "karena", "tapi", "kalau", "jika", "apabila", "supaya", "agar", "biar", "sebelum", "setelah",
            "sampai", "hingga", "sejak", "tentang", "tanya", "nanya", "bertanya", "pertanyaan", "kak", "dulu", "aja",
            "tadi", "nanti", "kemarin", "besok", "sekarang", "baru", "benar", "betul", "emang", "memang", "udah",
            "semua", "setiap", "tiap", "para", "si", "sang", "nya", "per", "oleh", "bagi", "tanpa", "antara", "seperti",
            "kayak", "kaya", "macam", "cara", "caranya", "gimana", "lewat", "melalui", "via", "secara", "jenis",
            "hal", "soal", "masalah", "terima", "kasih", "makasih", "buat", "bikin", "kasih", "beri", "berikan",
            "kasi", "sekalian", "udh", "hari", "tahun", "bulan", "waktu", "kali", "orang", "ke", "tuh", "kek",
            "mengenai", "informasi", "info", "mana", "yg", "pernah", "tau", "tahu", "ngerti", "paham", "lupa", "ingat",
            "banyak", "sedikit", "semuanya", "lain", "lainnya", "sendiri", "langsung", "urgent", "penting", "segera",
            "cepat", "lama", "baik", "bagus", "oke", "siap", "dulu", "masuk", "keluar", "pergi", "datang", "pulang",
            "bantu", "membantu", "ambil", "mengambil", "pakai", "pake", "punya", "gimana", "biasanya", "kira",
            "kira2", "sekitar", "kurang", "mungkin", "kayaknya", "sepertinya", "apa", "ne", "ni", "tu", "e",
            "semester", "kampus", "mahasiswa", "dosen", "maba", "alumni", "prodi", "fakultas", "jurusan", "kuliah",
            "tugas", "akhir", "skripsi", "tesis", "disertasi", "nim", "nama", "atas", "bawah", "depan", "belakang",
            "atau", "utk", "the", "sekolah", "dipakai", "dibuat", "bilang", "kata", "katanya", "lho", "kah",
            "permisi", "halo", "selamat", "pagi", "siang", "sore", "malam", "mas", "ok", "nomor", "lg", "jg",
            "mohon maaf", "maaf", "sorry", "punten", "assalamualaikum", "minggu", "bulan", "ribu", "rb", "rp",
            "persen", "pas", "ketika", "saat", "waktu", "sehingga", "namun", "sebab", "makanya", "jadinya", "deh",
            "aku", "ku", "mu", "kalo", "ane", "mohon", "gak", "ga", "dak", "kah", "ape", "ade", "ken", "bae", "nak",
            "wr", "wb", "warahmatullahi", "wabarakatuh", "warahmatullah", "wabarakatu", "alaikum", "sekaligus",
            "blm", "tdk", "untuk", "sy", "bs", "lah", "tp", "jd", "kok", "biasa", "baiknya", "sebaiknya", "jam",
            "ya", "tanggal", "nanya", "buka", "ok", "apa", "cuma", "hanya", "doang", "whatsapp", "wa", "chat", "bot",
            "link", "online", "offline", "sistem", "kenapa", "ditolak", "diterima", "berapa", "kirim", "dikirim",
            "mengirim", "hubungi", "lewat", "dimana", "syarat", "syaratnya", "prosedur", "alur", "proses",
            "prosesnya", "kampusnya", "kak", "apanya", "mau", "pengen", "butuh", "membutuhkan", "perlu", "cek",
            "mengecek", "periksa", "lihat", "liat", "melihat", "baca", "membaca", "dibaca", "ulang", "kembali",
            // everyday words that name no library topic
            "tempat", "kelompok", "bawa", "membawa", "habis", "bekas", "murah", "mahal", "besar", "kecil", "hp",
            "handphone", "teman", "temen", "kawan", "keluarga", "rumah", "kampung", "kota", "jalan", "motor", "mobil",
            "uang", "duit", "harga", "kerja", "kelas", "ujian", "grup", "group", "balas", "bales", "jawab", "respon",
            "kabar", "contoh", "misal", "misalnya", "dll", "dsb", "tertentu", "khusus", "resmi", "wajib", "dilarang",
            "izin", "ijin", "form", "formulir", "berkas", "dokumen", "data", "akun", "email", "aplikasi", "web",
            "website", "situs", "bagus", "jelek", "enak", "susah", "mudah", "gampang", "ribet", "sulit", "bingung",
            "ramai", "rame", "sepi", "penuh", "kosong", "dekat", "deket", "jauh", "sebelah", "samping", "seberang",
            "dipakai", "digunakan", "menggunakan", "gunakan", "mulai", "selesai", "kelar", "sebentar", "tunggu",
            "nunggu", "menunggu", "sejam", "seminggu", "sehari", "sebulan", "setahun", "pagi", "siang", "sore",
            "malam", "nanti", "kapan2", "kemudian", "lalu", "abis", "terakhir", "pertama", "kedua", "ketiga",
            "dua", "tiga", "empat", "lima", "satu", "sepuluh", "beberapa", "berbagai", "macam", "lengkap", "terbaru",
            "lama", "baru", "aman", "ready", "stok", "teks", "tulis", "menulis", "nulis", "dapet", "dapat", "beli",
            "main", "nongkrong", "pacar", "gebetan", "orang2", "anak", "anak2", "adik", "kakak", "ortu", "mama",
            "papa", "ayah", "bunda", "pakai", "pinjamkan", "ganggu", "maksud", "maksudnya", "gitu", "aja", "sih",
            "hehehe", "wkwkwk", "loh", "kan", "pula", "lagian", "emangnya", "sebenarnya", "sebenernya", "pokoknya",
            // English function words
            "a", "an", "the", "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "i", "me", "my",
            "you", "your", "we", "our", "us", "it", "its", "this", "that", "these", "those", "there", "here", "to",
            "of", "for", "on", "in", "at", "by", "with", "from", "about", "and", "or", "but", "not", "no", "yes",
            "can", "could", "would", "will", "shall", "should", "may", "might", "must", "have", "has", "had", "how",
            "what", "when", "where", "which", "who", "why", "please", "any", "some", "there", "get", "got", "want",
            "need", "like", "would", "so", "very", "much", "many", "just", "also", "too", "if", "then", "than",
            "one", "two", "all", "hi", "hello", "thanks", "thank", "ok", "okay", "know", "tell", "let", "help",
            "someone", "something", "anything", "today", "tomorrow", "now", "still", "again", "time", "use",
            "using", "find", "looking", "look", "go", "going", "come", "make", "take", "give", "do", "doing",
            "student", "students", "lecturer", "lecturers", "staff", "university", "campus", "thesis", "final",
            "per", "day", "days", "week", "weeks", "month", "long", "possible", "sure", "able", "there", "else"));

    /** Words that mark a message as English. */
    static final Set<String> ENGLISH = words(
            "the", "a", "an", "is", "are", "was", "were", "be", "am", "do", "does", "did", "i", "im", "my", "me", "you",
            "your", "we", "our", "it", "this", "that", "there", "to", "of", "for", "on", "at", "with", "about", "from",
            "and", "or", "not", "can", "could", "would", "will", "should", "how", "what", "whats", "when", "where",
            "which", "who", "why", "please", "library", "librarian", "book", "books", "want", "need", "like",
            "any", "have", "has", "open", "opens", "close", "closes", "closed", "time", "today", "tomorrow", "thanks",
            "thank", "hello", "hi", "hey", "good", "morning", "afternoon", "evening", "renew", "borrow", "borrowed",
            "loan", "fine", "fee", "late", "talk", "speak", "connect", "human", "person", "member", "members",
            "become", "suggest", "buy", "thesis", "submit", "repository", "check", "clearance", "letter",
            "graduation", "room", "prayer", "near", "satisfied", "very", "much", "service", "services", "show",
            "help", "hours", "opening", "holidays", "during", "keep", "once", "excellent", "great", "bad", "poor",
            "plagiarism", "paper", "dissertation", "upload", "pay", "lost", "by", "looking", "available", "search",
            "find", "extend", "lecturers", "students", "other", "universities", "weather", "won", "match",
            "yesterday", "many", "long", "get", "do", "there", "here", "some", "been", "got", "know", "tell",
            "where's", "hours", "saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
            "return", "due", "date", "sorry", "yes", "no", "okay", "just", "still", "again", "also", "too", "now",
            "am", "he", "she", "they", "them", "his", "her", "their", "if", "but", "so", "than", "then", "all", "one",
            "real", "someone", "staff", "fines", "overdue", "card", "register", "join", "wifi", "parking", "where",
            "located", "floor", "building", "toilet", "copy", "print", "printer", "locker", "lockers", "study",
            "thanks", "welcome", "bye", "great", "awesome", "helpful", "satisfying", "unsatisfied", "terrible",
            "average", "nice", "well", "done", "stars", "star", "rate", "rating", "would", "got", "free", "use",
            "using", "account", "password", "works", "work", "working", "want", "wants", "let", "lets", "need",
            "needs", "give", "make", "take", "go", "going", "come", "see", "email", "phone", "call", "chat", "agent",
            "anyone", "somebody", "question", "questions", "answer", "answers", "library's", "catalog", "catalogue",
            "journal", "journals", "article", "articles", "ebook", "ebooks", "novel", "novels", "author", "written",
            "title", "titles", "copies", "recommend", "purchase", "order", "request", "acquire", "suggestion");

    /** Words that mark a message as Indonesian (including chat spellings and Bangka Malay). */
    static final Set<String> INDONESIAN = words(
            "yang", "ada", "apa", "tidak", "bisa", "saya", "mau", "perpus", "perpustakaan", "kak", "min", "ya", "dong",
            "sih", "nih", "deh", "berapa", "bagaimana", "di", "ke", "dan", "untuk", "buku", "jam", "buka", "tutup",
            "kapan", "mana", "ini", "itu", "juga", "saja", "kalau", "atau", "dengan", "pinjam", "perpanjang", "denda",
            "cara", "syarat", "bebas", "pustaka", "anggota", "kartu", "usulan", "usul", "sudah", "belum", "harus",
            "mohon", "tolong", "terima", "kasih", "makasih", "selamat", "pagi", "siang", "sore", "malam", "halo",
            "hai", "permisi", "lagi", "boleh", "mahasiswa", "dosen", "hari", "besok", "cari", "mencari", "tentang",
            "karangan", "pengarang", "masih", "sama", "orang", "petugas", "pustakawan", "mas", "mbak", "pak", "bu",
            "kenapa", "gimana", "lama", "sampai", "dari", "pada", "dalam", "kami", "kita", "anda", "kamu", "aku",
            "sedang", "karena", "tapi", "jadi", "banget", "sekali", "sangat", "puas", "kurang", "baik", "bagus",
            "mantap", "oke", "siap", "sip", "lokasi", "ruang", "lantai", "gedung", "parkir", "loker", "bayar",
            "hilang", "rusak", "skripsi", "tesis", "unggah", "mandiri", "serah", "simpan", "pengadaan", "beli",
            "tanya", "nanya", "minta", "pengen", "kok", "kah", "lah", "pun", "eh", "iya", "wah", "bintang", "nilai",
            "assalamualaikum", "tanggal", "merah", "libur", "sabtu", "minggu", "senin", "selasa", "rabu", "kamis",
            "jumat", "telat", "terlambat", "ganti", "sekarang", "kemarin", "tadi", "langsung", "jawab", "ngerti",
            "paham", "bot", "robot", "manusia", "hubungi", "bicara", "ngomong", "ngobrol", "keluhan", "komplain",
            "lewat", "dimana", "bahasa", "inggris", "ngapain", "layanan", "pelayanan", "pilihan", "daftar",
            "keanggotaan", "wisuda", "pinjaman", "peminjaman", "pengembalian", "kembalikan", "balikin", "udah",
            "blm", "gak", "ga", "nggak", "dak", "ape", "ade", "nak", "bae", "ken", "kamek", "sy", "yg", "utk",
            "gmn", "brp", "jm", "udh", "mhs", "dgn", "tdk", "bs", "kpn", "dmn", "knp", "tgl", "skrg", "mimin",
            "kakak", "ka", "lg", "klo", "kalo", "hrs", "msh", "bgt", "krn", "tp", "jg", "sm", "org", "bsk", "lgsg",
            "ttg", "eks", "bhs", "bnyk", "mksh", "trims", "tengkyu", "aja", "jd", "dpt", "trs", "td", "kmrn",
            "pinjem", "minjem", "nyari", "ilang", "ngurus", "pgn", "mo", "bikin", "kek", "gitu", "emang", "tau",
            "ribu", "rb", "sekaligus", "apakah", "adakah", "bagi", "biar", "supaya", "agar", "setelah", "sebelum",
            "hatur", "nuhun", "matur", "nuwun", "suwun", "terimakasih", "pustaka", "koleksi", "judul", "penulis",
            "jurnal", "referensi", "persen", "bulan", "tahun", "lalu", "dulu", "nanti", "baru", "kasi", "bener",
            "benar", "jawaban", "jawabannya", "wkwk", "hehe", "mohon", "maaf", "misi", "kakk", "kk", "gan", "ama");

    /** Greeting words: a message made only of these (and address words or particles) is a greeting. */
    static final Set<String> GREETING_WORDS = words("halo", "hai", "hay", "hi", "hy", "hello", "hey", "hei", "heyy",
            "hola", "yo", "pagi", "siang", "sore", "malam", "selamat", "assalamualaikum", "alaikum", "salam",
            "permisi", "ping", "p", "morning", "afternoon", "evening", "shalom", "tes", "test", "testing",
            "salamlekum", "swastiastu", "sampurasun", "horas", "wr", "wb", "warahmatullahi", "wabarakatuh",
            "warahmatullah", "wabarakatu", "ass", "good", "day", "there", "everyone", "all", "semua", "sejahtera",
            "om");

    /** Particles that may pad a greeting or a thank-you without adding a question. */
    static final Set<String> PARTICLES = words(ADDRESS, "ya", "yah", "yaa", "dong", "nih", "sih", "deh", "lah",
            "kok", "mau", "tanya", "izin", "ijin", "numpang", "bertanya", "saya", "semuanya", "nya", "hehe",
            "haha", "wkwk", "eh", "oh", "oiya", "iya", "maaf", "mohon", "sorry", "ganggu", "mengganggu", "nanya",
            "again", "so", "much", "very", "guys", "gais", "you", "sekali", "banget", "banyak", "ya", "infonya",
            "informasi", "atas", "the", "for", "bantuannya", "bantuan", "jawabannya", "your", "help", "kakak", "deh",
            "juga", "sudah", "dibantu", "membantu", "a", "lot", "pencerahannya", "semua", "sekali", "bapak", "ibu");
}
