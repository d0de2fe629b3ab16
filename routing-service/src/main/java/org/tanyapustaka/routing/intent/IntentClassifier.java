package org.tanyapustaka.routing.intent;

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

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Classifies a patron's WhatsApp message into one {@link Intent} and a language, without any model to train:
 * weighted cues per intent (words and phrases in Indonesian as typed on phones, and in English) are matched against
 * the normalized message and summed; a few rules then settle what the sums cannot:
 * <ul>
 * <li>a greeting (or a thank-you) wins only when the message holds nothing else; "halo kak, perpus buka jam brp?"
 * asks about opening hours;</li>
 * <li>asking for a person (a librarian, the admin, a complaint) is preferred over a close competitor, because
 * answering such a message with a canned text is the costliest mistake;</li>
 * <li>a bare number or a verdict ("5", "5 bintang", "puas banget") is a rating only right after the bot asked for
 * one; "0" is the menu;</li>
 * <li>words that name no library topic (titles, authors, subjects) next to book cues ("ada buku … ga?", "cari …")
 * make a catalogue search, and so does an ISBN;</li>
 * <li>too little evidence, or two intents too close to call, gives {@link Intent#OTHER} with a low confidence.</li>
 * </ul>
 * Words that only make sense in a conversation's state ("lagi" or "2" while a result list is open, "STOP",
 * "mulai") are the conversation's business: here they are {@code other} with a low confidence.
 * Thread-safe and cheap to share: build one and reuse it.
 */
public final class IntentClassifier {

    /** Below this total weight the best intent is not trusted. */
    static final double MIN_SCORE = 2.0;
    /** How far another intent may be ahead of a clear request for a person (or a complaint) and still lose. */
    static final double HANDOVER_PRIORITY = 3.5;
    /** Below this confidence the classification falls back to {@link Intent#OTHER}. */
    static final double MIN_CONFIDENCE = 0.25;

    private static final String BOOK = "buku|book|novel|jurnal|journal|ebook|komik|kamus|ensiklopedia|majalah|magazine"
            + "|modul|diktat|referensi|reference|literatur|literature|koleksi|collection|judul|title|bacaan|textbook"
            + "|handbook|prosiding|proceedings|atlas|bukunya";
    private static final String THESIS = "skripsi|tesis|disertasi|tugas_akhir|thesis|theses|dissertation|karya_ilmiah"
            + "|laporan_akhir|makalah|=kti|=loa|karya_tulis";
    private static final String BORROW = "pinjam|minjam|borrow|=loan|=loans|peminjaman";
    private static final String RETURN = "kembalikan|pengembalian|mengembalikan|kembaliin|return|returned|returning";
    private static final String PERSON = "pustakawan|librarian|petugas|staf|staff|operator|=cs|customer_service|admin"
            + "|agent|officer|pegawai|karyawan|kepala_perpustakaan|=cso|kepala|librarians";
    private static final String SOMEONE = "orang|manusia|human|person|someone|somebody|anyone|real";
    private static final String TALK = "bicara|hubungkan|hubungi|talk|speak|connect|contact|kontak|telepon|telpon"
            + "|=telp|call|ketemu|bertemu|menghubungi|dihubungkan|chatting|ngechat|dialihkan|alihkan|transfer_ke"
            + "|diteruskan|teruskan|sambung";
    private static final String DAY = "senin|selasa|rabu|kamis|jumat|sabtu|minggu|weekend|akhir_pekan|hari_ini|besok"
            + "|lusa|today|tomorrow|tonight|saturday|sunday|monday|tuesday|wednesday|thursday|friday|weekday|weekdays"
            + "|semester|=uas|=uts";

    private static final List<Cue> CUES = new ArrayList<>();

    private static void cue(Intent intent, double weight, String spec) {
        CUES.add(new Cue(intent, weight, spec.replace("{BOOK}", BOOK).replace("{THESIS}", THESIS)
                .replace("{BORROW}", BORROW).replace("{RETURN}", RETURN).replace("{PERSON}", PERSON)
                .replace("{SOMEONE}", SOMEONE).replace("{TALK}", TALK).replace("{DAY}", DAY)));
    }

    static {
        // menu
        cue(MENU, 5.0, "menu|=main_menu|=menu_utama");
        cue(MENU, 3.0, "help|bantuan");
        cue(MENU, 3.0, "bantu & apa|what");
        cue(MENU, 3.5, "layanan|pelayanan|service|services|fitur|feature|features & apa|what|daftar|pilihan|list"
                + "|jenis|macam|tersedia|available|offer|informasi|=ada|=any");
        cue(MENU, 1.0, "layanan|services|fitur");
        cue(MENU, 3.5, "ngapain|what_can_you_do|what_can_i_do|what_do_you_do|can_you_do|bisa_apa|what_can_you"
                + "|how_can_you_help");
        cue(MENU, 2.0, "pilihan|opsi|options|mulai_dari_awal|kembali_ke_awal|start_over");
        cue(MENU, 3.0, "apa_saja|apa yang bisa tanya|bantu|dibantu|dilayani|layani|urus|diurus|lakukan|dilakukan");
        cue(MENU, 3.0, "bisa tanya|minta|urus apa_saja|apa");

        // catalogue search (titles, authors and subjects add to these, see scoreCatalogue)
        cue(CATALOG_SEARCH, 3.0, "cari|search|searching|looking_for|find|mencari|temukan|menemukan|nemu|dicari"
                + "|seek|seeking|carikan");
        cue(CATALOG_SEARCH, 2.5, "{BOOK} & =ada|tersedia|ready|redi|available|have|any|stok|stock|eksemplar|copy"
                + "|copies|punya|=adakah");
        cue(CATALOG_SEARCH, 1.0, "{BOOK}");
        cue(CATALOG_SEARCH, 2.5, "karangan|pengarang|penulis|author|authors|written|karya_dari|tulisan|ditulis");
        cue(CATALOG_SEARCH, 2.0, "{BOOK} & karya|=by|oleh");
        cue(CATALOG_SEARCH, 2.0, "{BOOK}|{THESIS} & tentang|about|=on|soal|terkait|seputar|topik|tema|bidang"
                + "|subject|regarding|related");
        cue(CATALOG_SEARCH, 1.5, "=ada|any|have & {THESIS} & tentang|about|=on|soal|terkait|seputar|topik|judul");
        cue(CATALOG_SEARCH, 1.5, "{BOOK} & rak|shelf|call_number|nomor_panggil|letak|lokasi|where|di_mana");
        cue(CATALOG_SEARCH, 3.0, "eksemplar|copies|=isbn|=issn|nomor_panggil|call_number|opac|katalog|catalog"
                + "|catalogue");
        cue(CATALOG_SEARCH, 2.0, "masih|still|lagi & =ada|tersedia|available|ready|redi");
        cue(CATALOG_SEARCH, 1.5, "=ada_yang|=ada_yg|any|is_it|are_they & bisa|boleh|available|can & dipinjam|pinjam"
                + "|borrowed|borrow");
        cue(CATALOG_SEARCH, 3.0, "scopus|proquest|ebsco|sciencedirect|jstor|springer|emerald|garuda|sinta|doaj"
                + "|database|e_resources|eresources|ejournal|e_journal|e_resource|elibrary|e_library|ebooks|e_book"
                + "|ipusnas|onesearch|wiley|ieee|=sage");
        cue(CATALOG_SEARCH, 2.5, "akses|access|mengakses|baca_online|dibaca|download|unduh|diunduh|membaca|read"
                + " & {BOOK}|{THESIS}|ebook|online|fulltext|full_text");
        cue(CATALOG_SEARCH, 2.5, "do_you_have|have_you_got|is_there_any|are_there_any|do_you_carry");

        // opening hours
        cue(OPENING_HOURS, 4.0, "jam|=pukul|time & buka|tutup|operasional|layanan|pelayanan|kerja|istirahat|kantor"
                + "|open|close|closed|closing|opening|opens|closes|beroperasi|operasi|operate|operating|melayani");
        cue(OPENING_HOURS, 2.0, "beroperasi|operate|operating|melayani");
        cue(OPENING_HOURS, 2.5, "buka|tutup|open|close|closed|opening|closing|opens|closes");
        cue(OPENING_HOURS, 2.0, "libur|liburan|lebaran|holiday|holidays|tanggal_merah|cuti_bersama|hari_raya|natal"
                + "|ramadhan|ramadan|puasa|vacation & perpustakaan|library|layanan|buka|tutup|open|closed");
        cue(OPENING_HOURS, 2.0, "operasional|jam_kerja|jam_kantor|jam_layanan|hours|=hour|jam_operasional"
                + "|jam_pelayanan|office_hours|business_hours");
        cue(OPENING_HOURS, 1.0, "{DAY}");
        cue(OPENING_HOURS, 2.0, "libur|liburan|tanggal_merah|cuti_bersama|holiday|holidays|hari_raya|lebaran|natal"
                + "|ramadhan|ramadan|puasa|=idul|nyepi|imlek|waisak|=tahun_baru|vacation|break");
        cue(OPENING_HOURS, 1.5, "what_time|jam_berapa|pukul_berapa|sampai_jam|dari_jam|until_what_time|=until"
                + "|=till|sampai_kapan");
        cue(OPENING_HOURS, 2.0, "jadwal|schedule & perpustakaan|library|layanan|buka");
        cue(OPENING_HOURS, 1.5, "istirahat");
        cue(OPENING_HOURS, 1.0, "jam & perpustakaan|library");

        // renewal
        cue(LOAN_RENEWAL, 6.0, "perpanjang|extend|renew|renewal|renewals|perpanjangkan|extension|perpanjangan");
        cue(LOAN_RENEWAL, 3.0, "tambah|nambah|menambah|tambahan & waktu|masa|durasi|hari|time & {BORROW}");

        cue(LOAN_RENEWAL, 1.0, "habis|berakhir|jatuh_tempo|=due|expire|expires|ends & masa|waktu|{BORROW}");

        // loan rules and the patron's own loans
        cue(LOAN_INFO, 1.5, "{BORROW}");
        cue(LOAN_INFO, 3.0, "lama|how_long|durasi|masa|jangka_waktu & {BORROW}|keep");
        cue(LOAN_INFO, 3.0, "berapa|maks|maksimal|max|maximum|maksimum|batas|limit|jumlah|how_many|sekaligus|=once"
                + "|kuota & {BORROW}");
        cue(LOAN_INFO, 3.0, "kapan|tanggal|batas|deadline|when|harus|terakhir|paling_lambat|must & {RETURN}");
        cue(LOAN_INFO, 2.0, "{RETURN}");
        cue(LOAN_INFO, 2.5, "jatuh_tempo|due_date|=due|tenggat|due_back");
        cue(LOAN_INFO, 2.5, "cara|syarat|prosedur|aturan|ketentuan|peraturan|rules|requirements|policy|kebijakan"
                + "|prosedurnya|caranya|syaratnya & {BORROW}");
        cue(LOAN_INFO, 2.0, "bagaimana|how {BORROW}");
        cue(LOAN_INFO, 1.5, "sedang|lagi|masih|currently|apa_saja|riwayat|history|status|daftar|cek|check"
                + "|=what & {BORROW}");
        cue(LOAN_INFO, 2.5, "dibawa_pulang|bawa_pulang|take_home|take_it_home|=keep|boleh_dibawa");
        cue(LOAN_INFO, 3.0, "book_drop|bookdrop|drop_box|dropbox|kotak_pengembalian|self_return");
        cue(LOAN_INFO, 2.5, "harus|perlu|wajib|need|must|syarat & bawa|membawa|pakai|menunjukkan|tunjukkan|bring"
                + "|show|jaminan|deposit & {BORROW}");
        cue(LOAN_INFO, 2.0, "boleh|bisa|can|may|allowed|dapat & dipinjam|borrowed|dipinjamkan|=borrow|dibawa");
        cue(LOAN_INFO, 2.0, "{RETURN} & luar_jam|di_luar|after_hours|tutup|closed|malam|weekend|libur|kotak|drop");
        cue(LOAN_INFO, 1.5, "diwakilkan|wakilkan|diwakili|titip|dititipkan|someone_else & {RETURN}|{BORROW}");

        // clearance
        cue(CLEARANCE, 6.0, "bebas_pustaka|bebas_perpustakaan|bebas_pinjam|bebas_perpus|bebas_tanggungan|skbp|=sbp"
                + "|skbpus|clearance|bebas_pinjaman|=bpp|bebas_pustakaan|bebas_library|no_dues");
        cue(CLEARANCE, 3.0, "surat_keterangan|keterangan|letter|certificate & perpustakaan|library|pinjam|tanggungan"
                + "|pustaka");
        cue(CLEARANCE, 2.0, "bebas & perpustakaan|pustaka|pinjam|library|tanggungan");
        cue(CLEARANCE, 2.0, "yudisium|wisuda|graduation|kelulusan|graduate|lulus & perpustakaan|library|surat|letter"
                + "|syarat");

        // similarity check
        cue(PLAGIARISM_CHECK, 6.0, "turnitin");
        cue(PLAGIARISM_CHECK, 4.5, "similarity|kemiripan|plagiasi|plagiarisme|originality|originalitas"
                + "|plagiarism|similarity_index|ithenticate");
        cue(PLAGIARISM_CHECK, 1.0, "cek|check|periksa|pengecekan|scan & plagiasi|similarity|turnitin|kemiripan");

        // membership
        cue(MEMBERSHIP, 4.0, "anggota|keanggotaan|member|membership|members");
        cue(MEMBERSHIP, 2.0, "kartu|card");
        cue(MEMBERSHIP, 2.0, "kartu|card & perpustakaan|library|anggota|member");
        cue(MEMBERSHIP, 1.5, "daftar|mendaftar|pendaftaran|registrasi|register|join|sign_up|gabung|bergabung|=signup"
                + " & perpustakaan|library|anggota|member");
        cue(MEMBERSHIP, 4.0, "alumni|alumnus|alumna");
        cue(MEMBERSHIP, 1.5, "alumni|alumnus|umum|=luar|outsider|outsiders|visitor|visitors|guest|guests|tamu"
                + " & {BORROW}|akses|access|masuk|baca|use|enter|pakai|memakai|menggunakan");
        cue(MEMBERSHIP, 1.5, "masyarakat_umum|umum|luar_kampus|kampus_lain|universitas_lain|other_universities"
                + "|public|external|non_mahasiswa|siswa|pelajar|outsider|visitor|visitors|tamu");
        cue(MEMBERSHIP, 2.0, "orang_luar|luar_kampus|umum|tamu|pengunjung|visitor|visitors|outsider|outsiders"
                + "|non_member|bukan_mahasiswa|bukan_anggota|=luar|non_civitas|nonmember|guest|guests");
        cue(MEMBERSHIP, 2.0, "join|joining|gabung|bergabung|mendaftar|register|registration|daftar_jadi"
                + "|jadi_anggota|jadi_member|sign_up|signup");
        cue(MEMBERSHIP, 1.5, "cost|biaya|iuran|bayar|fee|price|harga & join|daftar|mendaftar|register|anggota|member");
        cue(MEMBERSHIP, 2.0, "iuran|aktivasi|aktifkan|activate|activation|berlaku|masa_berlaku|expired|kedaluwarsa"
                + "|kadaluarsa|kadaluwarsa");
        cue(MEMBERSHIP, 2.0, "=ktm|kartu_mahasiswa|kartu_tanda_mahasiswa|student_card|student_id");

        // thesis deposit
        cue(THESIS_DEPOSIT, 3.0, "unggah|upload|uplod|diupload|mengunggah|unggahan|diunggah|uploaded|uploading");
        cue(THESIS_DEPOSIT, 3.0, "unggah|upload|uplod & mandiri|sendiri");
        cue(THESIS_DEPOSIT, 5.0, "repositori|eprints|=etd|digilib|institutional_repository|=eprint");
        cue(THESIS_DEPOSIT, 6.0, "serah_simpan|serahsimpan|=wajib_serah");
        cue(THESIS_DEPOSIT, 3.0, "penyerahan|menyerahkan|diserahkan|serahkan|nyerahin|setor|menyetor|submit"
                + "|submission|deposit|kumpul|mengumpulkan|dikumpulkan|upload|unggah|send & {THESIS}");
        cue(THESIS_DEPOSIT, 1.0, "{THESIS}");
        cue(THESIS_DEPOSIT, 2.0, "repositori|repository|eprints|digilib & link|alamat|url|website|web|situs|address"
                + "|laman|halaman|akses|login|akun|account");
        cue(THESIS_DEPOSIT, 2.0, "hardcopy|hard_copy|softcopy|soft_copy|=cd|=dvd|jilid|hardcover|hard_cover|=pdf"
                + "|jilidan");
        cue(THESIS_DEPOSIT, 1.5, "abstrak|abstract|lembar_pengesahan|full_text|fulltext|bab");
        cue(THESIS_DEPOSIT, 1.5, "format|file|ukuran|size & {THESIS}|unggah|upload");
        cue(THESIS_DEPOSIT, 1.0, "verifikasi|validasi|diverifikasi|divalidasi|approve|disetujui");

        // book suggestions
        cue(BOOK_SUGGESTION, 5.0, "usul|usulan|mengusulkan|usulkan|diusulkan|pengusulan|suggest|suggestion"
                + "|suggestions");
        cue(BOOK_SUGGESTION, 4.5, "pengadaan|diadakan|diadain|adain|mengadakan|adakan");
        cue(BOOK_SUGGESTION, 4.0, "beli|beliin|dibeli|membeli|pembelian|dibeliin|buy|purchase|acquire|order"
                + "|langganan|berlangganan|subscribe & {BOOK}|perpustakaan|library");
        cue(BOOK_SUGGESTION, 4.0, "donasi|donasikan|hibah|menyumbang|sumbang|sumbangan|donate|donation|donating"
                + "|wakaf|menghibahkan|hibahkan|nyumbang");
        cue(BOOK_SUGGESTION, 2.0, "langganan|berlangganan|subscribe|subscription|melanggan");
        cue(BOOK_SUGGESTION, 2.5, "request|=req|requst|rekues|minta & {BOOK}");
        cue(BOOK_SUGGESTION, 6.0, "add|tambahkan|tambah|menambah|menambahkan|nambah|nambahin|tambahin & {BOOK}"
                + " & collection|koleksi|perpustakaan|library|=baru|=new");
        cue(BOOK_SUGGESTION, 1.5, "request|rekomendasi|rekomendasiin|recommend|saran|menyarankan|sarankan");
        cue(BOOK_SUGGESTION, 1.0, "belum_ada|tidak_ada|tidak_punya|do_not_have|belum_tersedia & {BOOK}");

        // location and facilities
        cue(LOCATION_FACILITIES, 4.0, "wifi|hotspot|internet|password|=wi_fi|wifinya|jaringan|sinyal");
        cue(LOCATION_FACILITIES, 4.0, "loker|locker|lockers|penitipan|titip_tas|lemari");
        cue(LOCATION_FACILITIES, 2.5, "titip|menitipkan|simpan|taruh|naruh|menyimpan|store|leave & =tas|=bag|=bags|barang"
                + "|helm|jaket|belongings");
        cue(LOCATION_FACILITIES, 1.5, "=tas|=bag|=bags|barang");
        cue(LOCATION_FACILITIES, 3.5, "ruang|ruangan|room|rooms|carrel|bilik|kubikel|ruang_baca|ruang_diskusi");
        cue(LOCATION_FACILITIES, 4.0, "fotokopi|print|printer|cetak|scan|scanner|ngeprint|nge_print|printing"
                + "|ngeprin|jilid_buku");
        cue(LOCATION_FACILITIES, 4.0, "parkir|parking|parkiran");
        cue(LOCATION_FACILITIES, 4.0, "mushola|musholla|musala|mushala|masjid|prayer|sholat|shalat|solat|musholah");
        cue(LOCATION_FACILITIES, 4.0, "toilet|=wc|kamar_mandi|restroom|bathroom|kamar_kecil|toilets");
        cue(LOCATION_FACILITIES, 4.0, "colokan|stopkontak|stop_kontak|charger|=cas|ngecas|listrik|socket|outlet"
                + "|power_outlet|charging|charge_hp|colokannya");
        cue(LOCATION_FACILITIES, 3.5, "fasilitas|facility|facilities|amenities|sarana");
        cue(LOCATION_FACILITIES, 4.0, "lokasi|letak|letaknya|alamat|location|located|address|situated");
        cue(LOCATION_FACILITIES, 3.0, "di_mana|where|ke_mana|arah|direction|directions|get_to|jalan_ke|sebelah_mana"
                + "|bagian_mana|arah_mana|gedung_mana|lantai_mana|=mana & perpustakaan|library|gedung|building");
        cue(LOCATION_FACILITIES, 1.0, "di_mana|where|ke_mana|sebelah_mana|bagian_mana|gedung_mana|lantai_mana");
        cue(LOCATION_FACILITIES, 2.0, "lantai|gedung|floor|building|lift|elevator|tangga");
        cue(LOCATION_FACILITIES, 2.5, "komputer|computer|=pc|laptop|computers");
        cue(LOCATION_FACILITIES, 1.5, "=ac|kursi|sofa|lesehan|quiet|tenang|silent|nyaman|meja_belajar");
        cue(LOCATION_FACILITIES, 3.0, "peta|denah|=map|maps|google_maps|gmaps|sharelok|shareloc");
        cue(LOCATION_FACILITIES, 3.0, "difabel|disabilitas|kursi_roda|wheelchair|disabled|accessible");
        cue(LOCATION_FACILITIES, 2.0, "booking|reservasi|reserve|pesan|book_a & ruang|room|ruangan");
        cue(LOCATION_FACILITIES, 1.0, "kampus|campus|gerbang|gate|fakultas");
        cue(LOCATION_FACILITIES, 2.5, "bawa|membawa|bring|masuk|boleh|allowed & makanan|minuman|makan|minum|food|drink"
                + "|drinks|snack|jajan|rokok|merokok|smoking|vape");
        cue(LOCATION_FACILITIES, 2.5, "tata_tertib|peraturan_perpustakaan|dress_code|berpakaian|pakaian|sandal|kaos"
                + "|library_rules|aturan_masuk");
        cue(LOCATION_FACILITIES, 3.0, "nomor|kontak|contact|email|surel|instagram|=ig|website|telepon|=telp|whatsapp"
                + "|=wa|medsos|sosmed|social_media|twitter|facebook|tiktok|youtube|phone & perpustakaan|library");
        cue(LOCATION_FACILITIES, 3.0, "tempat|place|spot|area|space|pojok|corner & diskusi|belajar|baca|membaca|duduk"
                + "|nongkrong|kerja_kelompok|study|studying|sholat|makan|istirahat|santai|nugas|ngerjain|mengerjakan"
                + "|titip|naruh|simpan|wudhu|charge|ngecas");
        cue(LOCATION_FACILITIES, 2.0, "diskusi|belajar_kelompok|kerja_kelompok|group_study|discussion|nugas");

        // fines
        cue(FINES, 6.0, "denda|=fine|=fines|late_fee|overdue_fee|penalty|sanksi|penalties|late_fees|overdue_fine"
                + "|dendanya");
        cue(FINES, 2.0, "terlambat|keterlambatan|late|overdue|lewat_batas|melewati_batas");
        cue(FINES, 4.0, "hilang|rusak|lost|damaged|damage|sobek|robek|basah|kena_air|lose|ruined|broke|ketinggalan"
                + "|tertinggal|kelupaan|dicuri|kecurian|stolen|sobek|coret|dicoret|terbakar|dimakan|lecek|copot"
                + " & {BOOK}|{BORROW}");
        cue(FINES, 2.0, "ganti|mengganti|menggantinya|replace|replacement|penggantian & {BOOK}");
        cue(FINES, 1.5, "bayar|membayar|pembayaran|dibayar|pay|paid|payment|cicil|dicicil|lunas|melunasi|=fee"
                + "|biaya|cost|charge|charged|tagihan|=rp");

        // a person
        cue(HUMAN_HANDOVER, 3.5, "{PERSON}");
        cue(HUMAN_HANDOVER, 1.0, "{SOMEONE}");
        cue(HUMAN_HANDOVER, 3.0, "{TALK} & {PERSON}|{SOMEONE}");
        cue(HUMAN_HANDOVER, 1.0, "{TALK}");
        cue(HUMAN_HANDOVER, 5.0, "komplain|keluhan|kecewa|jutek|protes|mengeluh|ketus|=kasar|=lapor|=melapor"
                + "|=melaporkan|aduan|pengaduan|complaint|disappointed|rude|unfriendly|dikecewakan|mengecewakan"
                + "|tidak_ramah|judes|galak");
        cue(HUMAN_HANDOVER, 2.0, "bot|robot|mesin|chatbot|otomatis|automated|machine|auto_reply|autoreply");
        cue(HUMAN_HANDOVER, 3.0, "tidak_nyambung|tidak_ngerti|tidak_mengerti|tidak_paham|tidak_membantu"
                + "|tidak_bisa_jawab|tidak_menjawab|not_helpful|useless|do_not_understand|not_understand"
                + "|salah_jawab|jawaban_salah|tidak_dijawab|tidak_dibalas|tidak_bisa_menjawab|tidak_connect"
                + "|nyambung|ngawur|tidak_sesuai");
        cue(HUMAN_HANDOVER, 2.5, "{RETURN}|bayar|paid|lunas|perpanjang|renewed & masih|still|tercatat|terdata|status"
                + "|sistem|system|=says|=shows|muncul & tapi|but|namun|kok|padahal|tetapi|however");
        cue(HUMAN_HANDOVER, 2.0, "sistem|system|tercatat|terdata|tertulis|record|records|data & masih|still|belum"
                + "|salah|keliru|wrong|error|eror|bermasalah");
        cue(HUMAN_HANDOVER, 2.0, "{SOMEONE} & help|bantu|assist|handle|layani|melayani|jawab|answer|respond|balas");
        cue(HUMAN_HANDOVER, 2.5, "real_person|orang_asli|manusia_asli|actual_person|live_agent|=human|orang_beneran"
                + "|bukan_bot|not_a_bot|manusia_beneran");
        cue(HUMAN_HANDOVER, 1.0, "urgent|darurat|segera|asap|emergency");
        cue(HUMAN_HANDOVER, 2.0, "langsung|directly|=live|real_person|orang_asli|manusia_asli & {PERSON}|{SOMEONE}"
                + "|{TALK}|tanya");
        cue(HUMAN_HANDOVER, 2.0, "masalah|problem|issue|kendala|error|eror|salah|keliru & sistem|system|akun"
                + "|account|tercatat|data");

        // thanks
        cue(THANKS, 5.0, "makasih|thanks|terima_kasih|=thank_you|hatur_nuhun|matur_nuwun|suwun|nuhun|syukron"
                + "|jazakallah|arigato|appreciate|appreciated|=tq|thanks_you|=tks");
        cue(THANKS, 2.0, "oke|siap|noted|mantap|mantul|great|=okay|alright|ashiap|beres|cool|nice|keren"
                + "|wokeh|yoi|siaap|okeh|paham|mengerti|understood|sip|baiklah|=got_it");
        cue(THANKS, 1.0, "sangat_membantu|helpful|membantu|bermanfaat|dibantu|bantuannya");

        // clearly outside the library
        cue(OTHER, 4.0, "=ukt|=spp|=krs|=khs|siakad|=ipk|=ips|transkrip|beasiswa|=sks|kantin|pulsa|kuota_internet"
                + "|promo|pinjol|agunan|judi|=slot|togel|cuaca|weather|football|sepak_bola|=bola|akademik|=baak"
                + "|=bak|kemahasiswaan|pembimbing|dosen_pembimbing|=kkn|magang|=ukm|asrama|rektorat|klinik|=kos"
                + "|=kost|ojek|ojol|gojek|=grab|lowongan|investasi|=crypto|forex|casino|skincare|diskon|cashback"
                + "|giveaway|=pin_bb|kuis|=quiz|=bmkg|pertandingan");
        cue(OTHER, 3.0, "http|https|=www|=bit|bitly|klik|click|hadiah|menang|cair|dana_cepat|=dana|jackpot|bonus");
        cue(OTHER, 3.0, "nilai|jadwal_kuliah|jadwal_ujian|wisuda|=uts|=uas|ujian|yudisium_kapan");
        cue(OTHER, 5.0, "ruang_dosen|ruang_kelas|ruang_kuliah|ruang_sidang|dekanat|ruang_rapat|ruang_ujian|ruang_dekan"
                + "|ruang_prodi|ruang_tu|ruang_jurusan|laboratorium|=lab");
        cue(OTHER, 6.0, "rektorat|dekanat|kantin|=baak|=bak|ruang_dosen|ruang_kelas|ruang_kuliah|ruang_sidang"
                + "|ruang_rapat|ruang_dekan|ruang_prodi|=tu|tata_usaha|auditorium|aula|poliklinik|klinik|asrama"
                + "|=atm|koperasi|bank|=lab|laboratorium|sekretariat|=ukm|stadion|lapangan|=gor|gedung_fakultas"
                + "|gedung_kuliah|gedung_rektorat|masjid_kampus|pos_satpam"
                + " & lokasi|letak|di_mana|where|alamat|gedung|ruang|sebelah_mana|ke_mana|arah|letaknya|location"
                + " & !perpustakaan|library|perpustakaannya|pustaka");
        cue(OTHER, 2.0, "=feb|=fh|=ft|=fisip|=fkip|=fe|=fp|=fmipa|=ftik|=fpps|prodi|jurusan|dekan|=kaprodi|tata_usaha");
        cue(OTHER, 3.0, "jual|dijual|menjual|jualan|murah|order_sekarang|hubungi_kami|=reseller|dropship|=cod"
                + "|ongkir|=open_po|=po");
        cue(OTHER, 1.5, "kuliah|jadwal|dosen_wali|=pa|=spmb|=snbt|pmb|sekolah");
    }

    private static final Set<String> VOCABULARY = new HashSet<>();

    static {
        for (Cue cue : CUES) {
            for (Cue.Word word : cue.words()) {
                VOCABULARY.add(word.text());
            }
        }
        VOCABULARY.addAll(Lexicon.GREETING_WORDS);
        VOCABULARY.addAll(Lexicon.PARTICLES);
        VOCABULARY.addAll(Lexicon.ENGLISH);
        VOCABULARY.addAll(Lexicon.INDONESIAN);
        VOCABULARY.addAll(Lexicon.VARIANTS.values());
    }

    /** The cue words a typo may stand for (not English function words and the like). */
    private static final Map<Character, List<String>> FUZZY_VOCABULARY;

    static {
        Set<String> cueWords = new HashSet<>();
        for (Cue cue : CUES) {
            for (Cue.Word word : cue.words()) {
                if (word.mode() == Cue.Mode.AFFIX) {
                    cueWords.add(word.text());
                }
            }
        }
        Map<Character, List<String>> byLetter = new java.util.TreeMap<>();
        for (String word : new java.util.TreeSet<>(cueWords)) {
            if (Cue.Matcher.typosAllowed(word) > 0) {
                byLetter.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(word);
            }
        }
        byLetter.replaceAll((letter, words) -> List.copyOf(words));
        FUZZY_VOCABULARY = Map.copyOf(byLetter);
    }

    private final TextNormalizer normalizer = new TextNormalizer(IntentClassifier::isKnownWord);

    /** A word of the vocabulary or of the word lists, which is never read as a typo of another word. */
    static boolean isKnownWord(String word) {
        return VOCABULARY.contains(word) || Lexicon.STOPWORDS.contains(word) || Lexicon.VARIANTS.containsKey(word);
    }

    /** Classifies a message that is not an answer to a rating question. */
    public Classification classify(String text) {
        return classify(text, false, "id");
    }

    /**
     * @param awaitingRating whether the bot's last message asked the patron to rate the service; only then is a
     *                       bare "1".."5" (or "5 bintang", "puas banget") a {@link Intent#CSAT_RATING}
     */
    public Classification classify(String text, boolean awaitingRating) {
        return classify(text, awaitingRating, "id");
    }

    /**
     * @param fallbackLanguage the language to assume when the message itself does not tell ("5", "menu", "ok"),
     *                         usually the conversation's language so far
     */
    public Classification classify(String text, boolean awaitingRating, String fallbackLanguage) {
        TextNormalizer.Normalized message = normalizer.normalize(text);
        String language = languageOf(message, "en".equals(fallbackLanguage) ? "en" : "id");
        List<String> tokens = message.tokens();
        String normalized = message.text();

        OptionalInt rating = awaitingRating ? ratingOf(message) : OptionalInt.empty();
        if (tokens.isEmpty()) {
            if (rating.isPresent()) {
                return new Classification(CSAT_RATING, 0.9, language, normalized, List.of(stars(message)), null);
            }
            return new Classification(OTHER, 0.0, language, normalized, List.of("rule: nothing to read"), null);
        }
        if (tokens.size() == 1 && tokens.get(0).chars().allMatch(Character::isDigit)) {
            String number = tokens.get(0);
            if (number.equals("0")) {
                return new Classification(MENU, 0.9, language, normalized, List.of("rule: 0 is the main menu"), null);
            }
            if (rating.isPresent()) {
                return new Classification(CSAT_RATING, 0.97, language, normalized,
                        List.of("rule: a number 1-5 answering the rating question"), null);
            }
            return new Classification(OTHER, 0.1, language, normalized,
                    List.of("rule: a bare number is no question (a rating only right after the rating question)"),
                    null);
        }

        Scores scores = score(message);

        if (rating.isPresent() && scores.bestExcept(Set.of(GREETING, THANKS, CSAT_RATING, OTHER, MENU)).score < 4.5) {
            return new Classification(CSAT_RATING, 0.9, language, normalized,
                    List.of("rule: a verdict answering the rating question (" + rating.getAsInt() + ")"), null);
        }

        boolean hasGreeting = tokens.stream().anyMatch(this::isGreetingWord);
        boolean onlyPleasantries = tokens.stream().allMatch(t -> isGreetingWord(t) || Lexicon.PARTICLES.contains(t)
                || t.equals(Lexicon.ADDRESS) || (hasGreeting && t.equals("admin")) || scores.thanksWord(t));
        double thanks = scores.of(THANKS);
        if (onlyPleasantries) {
            if (thanks >= 2.0) {
                return result(THANKS, Math.min(0.97, confidence(thanks + 2, 0)), language, normalized, scores,
                        "rule: only thanks" + (hasGreeting ? " and greetings" : ""));
            }
            if (hasGreeting) {
                return new Classification(GREETING, 0.95, language, normalized, List.of("rule: only a greeting"),
                        null);
            }
        }
        if (tokens.stream().allMatch(PINGS::contains)) {
            return new Classification(GREETING, 0.7, language, normalized,
                    List.of("rule: only an address or a call for attention (\"kak?\", \"mau tanya\")"), null);
        }

        Ranked best = scores.bestExcept(Set.of(GREETING));
        Ranked second = scores.secondExcept(Set.of(GREETING), best.intent);

        double confidence = confidence(best.score, second.score);

        // asking for a person (or complaining) beats a competitor that is not far ahead
        double handover = scores.of(HUMAN_HANDOVER);
        if (best.intent != HUMAN_HANDOVER && handover >= 4.5 && handover >= best.score - HANDOVER_PRIORITY) {
            second = best;
            best = new Ranked(HUMAN_HANDOVER, handover);
            confidence = 0.2 + 0.6 * (1.0 - Math.exp(-handover / 2.5));
            scores.note(HUMAN_HANDOVER, "rule: asking for a person beats a close competitor");
        }

        if (best.score < MIN_SCORE || confidence < MIN_CONFIDENCE) {
            if (hasGreeting && best.score < MIN_SCORE) {
                return new Classification(GREETING, 0.6, language, normalized,
                        List.of("rule: a greeting and nothing recognisable"), best.score > 0 ? best.intent : null);
            }
            if (thanks >= 2.0 && best.intent == THANKS) {
                return result(THANKS, 0.6, language, normalized, scores, "rule: thanks");
            }
            List<String> cues = new ArrayList<>();
            cues.add("rule: too little evidence" + (best.score > 0 ? " (best guess " + best.intent.wireName()
                    + (second.score > 0 ? ", close to " + second.intent.wireName() : "") + ")" : ""));
            cues.addAll(scores.cues(best.intent));
            return new Classification(OTHER, Math.min(confidence, MIN_CONFIDENCE), language, normalized, cues,
                    best.score > 0 ? best.intent : null);
        }
        List<String> extra = new ArrayList<>();
        if (hasGreeting && best.intent != THANKS) {
            extra.add("rule: greeting followed by a question answers the question");
        }
        return new Classification(best.intent, confidence, language, normalized,
                concat(scores.cues(best.intent), extra), second.score > 0 ? second.intent : null);
    }

    /**
     * The rating in an answer to the rating question: a number 1-5 ("4", "5 bintang", "4/5"), stars, or a verdict
     * ("puas banget" → 5, "kurang puas" → 2); empty when the text is no rating.
     */
    public OptionalInt ratingOf(String text) {
        return ratingOf(normalizer.normalize(text));
    }

    private static final Set<String> RATING_FILLER = Set.copyOf(List.of("bintang", "star", "stars", "dari", "of", "out", "nilai",
            "rating", "rate", "kasih", "saya", "i", "give", "saja", "ya", Lexicon.ADDRESS, "poin", "point", "points",
            "skor", "score", "nilainya", "aku", "untuk", "buat", "pelayanan", "layanan", "service", "the", "it", "a",
            "deh", "dong", "sih", "oke", "thanks", "makasih", "terima", "kasih", "pelayanannya", "layanannya", "kali",
            "ini"));

    private static final Map<String, String> NUMBER_WORDS = Map.of("satu", "1", "dua", "2", "tiga", "3", "empat", "4",
            "lima", "5", "one", "1", "two", "2", "three", "3", "four", "4", "five", "5");

    private OptionalInt ratingOf(TextNormalizer.Normalized message) {
        List<String> tokens = message.tokens();
        if (message.stars() >= 1 && message.stars() <= 5 && tokens.size() <= 3) {
            return OptionalInt.of(message.stars());
        }
        Integer number = null;
        for (String word : tokens) {
            String token = NUMBER_WORDS.getOrDefault(word, word);
            if (token.chars().allMatch(Character::isDigit)) {
                if (number == null && token.length() == 1 && token.charAt(0) >= '1' && token.charAt(0) <= '5') {
                    number = token.charAt(0) - '0';
                } else if (!(number != null && token.equals("5"))) { // "4/5", "4 dari 5"
                    return OptionalInt.empty();
                }
            } else if (!RATING_FILLER.contains(token)) {
                number = number == null ? null : -1;
            }
        }
        if (number != null && number > 0) {
            return OptionalInt.of(number);
        }
        if (tokens.size() > 6) {
            return OptionalInt.empty();
        }
        String text = " " + String.join(" ", tokens) + " ";
        String[][] verdicts = {
                {"1", " sangat tidak puas ", " tidak puas sama sekali ", " sangat kecewa ", " kecewa ", " very bad ",
                        " terrible ", " awful ", " very poor ", " sangat buruk ", " parah ", " jelek banget ",
                        " buruk banget ", " very dissatisfied ", " very unsatisfied ", " horrible "},
                {"2", " tidak puas ", " kurang puas ", " kurang memuaskan ", " kurang membantu ", " not satisfied ",
                        " unsatisfied ", " dissatisfied ", " poor ", " bad ", " buruk ", " jelek ", " kurang ",
                        " tidak membantu ", " not helpful ", " lambat ", " slow "},
                {"3", " cukup ", " lumayan ", " biasa saja ", " biasa ", " average ", " so so ", " netral ",
                        " neutral ", " oke lah ", " okelah ", " lumayan lah ", " standar ", " not bad ", " fine "},
                {"5", " sangat puas ", " puas banget ", " puas sekali ", " very satisfied ", " excellent ",
                        " mantap ", " mantul ", " keren ", " luar biasa ", " sempurna ", " perfect ", " amazing ",
                        " terbaik ", " the best ", " sangat memuaskan ", " sangat membantu ", " very helpful ",
                        " awesome ", " outstanding ", " sangat baik ", " sangat bagus ", " top ", " josss ", " jos ",
                        " memuaskan banget ", " very good ", " great "},
                {"4", " puas ", " satisfied ", " bagus ", " baik ", " good ", " membantu ", " helpful ",
                        " memuaskan ", " nice ", " ramah ", " cepat "}};
        for (String[] verdict : verdicts) {
            for (int i = 1; i < verdict.length; i++) {
                if (text.contains(verdict[i])) {
                    return OptionalInt.of(Integer.parseInt(verdict[0]));
                }
            }
        }
        return OptionalInt.empty();
    }

    private static String stars(TextNormalizer.Normalized message) {
        return "rule: " + message.stars() + " star(s) answering the rating question";
    }

    private boolean isGreetingWord(String token) {
        return Lexicon.GREETING_WORDS.contains(token) && !Set.of("good", "day", "there", "all", "everyone", "semua")
                .contains(token);
    }

    /** English when English words outnumber Indonesian ones; otherwise Indonesian, or the fallback if no clue. */
    static String languageOf(TextNormalizer.Normalized message, String fallback) {
        int english = 0;
        int indonesian = 0;
        for (String word : message.surface()) {
            boolean en = Lexicon.ENGLISH.contains(word);
            boolean id = Lexicon.INDONESIAN.contains(word) || Lexicon.ADDRESS.equals(Lexicon.VARIANTS.get(word))
                    || (word.length() > 5 && word.endsWith("nya"))
                    || (Lexicon.VARIANTS.containsKey(word) && !en && isIndonesianVariant(word));
            if (en && !id) {
                english++;
            } else if (id && !en) {
                indonesian++;
            }
        }
        if (english == indonesian) {
            return fallback;
        }
        return english > indonesian ? "en" : "id";
    }

    private static final Set<String> ENGLISH_VARIANTS = Set.of("u", "ur", "pls", "plz", "plss", "thx", "thnks", "tks",
            "ty", "thankyou", "thanx", "thank", "wanna", "gonna", "free", "excuse", "complain", "complaint", "ok",
            "okay", "repository", "plagiarism", "info", "lib", "no", "photocopy", "yu", "okey");

    private static boolean isIndonesianVariant(String word) {
        return !ENGLISH_VARIANTS.contains(word);
    }

    /** Every intent's total weight for a message, highest first (for tests and tuning). */
    Map<Intent, Double> scoresOf(String text) {
        Scores scores = score(normalizer.normalize(text));
        Map<Intent, Double> sorted = new LinkedHashMap<>();
        scores.totals.entrySet().stream().sorted(Map.Entry.<Intent, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
        return sorted;
    }

    // ---------------------------------------------------------------------------------------------------------

    private record Ranked(Intent intent, double score) {
    }

    private Scores score(TextNormalizer.Normalized message) {
        List<String> tokens = message.tokens();
        Cue.Matcher matcher = new Cue.Matcher(tokens, IntentClassifier::isKnownWord, FUZZY_VOCABULARY);
        Scores scores = new Scores(matcher);
        for (Cue cue : CUES) {
            String matched = cue.match(tokens, matcher);
            if (matched != null) {
                scores.add(cue.intent(), cue.weight(), matched);
            }
        }
        scoreCatalogue(message, scores, matcher);
        return scores;
    }

    /**
     * Titles, authors and subjects are words the classifier does not know: next to a book cue they make a catalogue
     * search ("buku pengantar ekonomi mikro mankiw"), and two or more of them asked about ("dasar2 ilmu politik
     * miriam budiardjo ada?") do too.
     */
    private void scoreCatalogue(TextNormalizer.Normalized message, Scores scores, Cue.Matcher matcher) {
        if (message.isbn()) {
            scores.add(CATALOG_SEARCH, 6.0, "an ISBN");
        }
        List<String> topic = new ArrayList<>();
        for (String token : message.tokens()) {
            if (isTopicWord(token, matcher)) {
                topic.add(token);
            }
        }
        if (topic.isEmpty()) {
            return;
        }
        if (topic.size() >= 2 && topic.size() == message.tokens().size() && scores.totals.isEmpty()) {
            scores.add(CATALOG_SEARCH, 2.6, "a bare title or author: " + String.join(" ", topic));
            return;
        }
        double catalogue = scores.of(CATALOG_SEARCH);
        boolean bookCue = catalogue >= 1.0;
        boolean asked = message.tokens().stream().anyMatch(t -> Set.of("ada", "tersedia", "ready", "available",
                "have", "punya", "stok", "stock").contains(t));
        double bonus = 0.6 * Math.min(topic.size(), 4);
        String words = String.join(" ", topic.subList(0, Math.min(topic.size(), 4)));
        if (bookCue) {
            scores.add(CATALOG_SEARCH, bonus, "title/author/subject words: " + words);
        } else if (asked && topic.size() >= 2) {
            scores.add(CATALOG_SEARCH, 0.8 + bonus, "asks whether a title exists: " + words);
        }
    }

    /** Calls for attention that ask nothing yet ("kak?", "min, mau tanya", "bisa minta tolong?"). */
    private static final Set<String> PINGS = Set.of(Lexicon.ADDRESS, "mau", "tanya", "bertanya", "nanya", "bisa",
            "minta", "tolong", "boleh", "bantu", "izin", "ijin", "permisi", "saya", "ya", "dong", "nih", "mohon",
            "maaf", "sorry", "ganggu", "sebentar", "question", "ask", "i", "have", "a", "can", "may", "sih", "deh", "kah",
            "yaa", "yah", "numpang", "mengganggu", "waktunya", "halo", "kakak", "bapak", "ibu", "pertanyaan");

    private static final Set<String> NOT_TOPIC = Set.of("kak", "admin", "halo", "hai");

    private boolean isTopicWord(String token, Cue.Matcher matcher) {
        if (token.length() < 3 || token.chars().allMatch(Character::isDigit) || NOT_TOPIC.contains(token)
                || Lexicon.STOPWORDS.contains(token) || Lexicon.GREETING_WORDS.contains(token)
                || Lexicon.PARTICLES.contains(token) || Lexicon.INDONESIAN.contains(token)
                || Lexicon.ENGLISH.contains(token)) {
            return false;
        }
        return !matcher.isCueWord(token, VOCABULARY);
    }

    static double confidence(double best, double second) {
        if (best <= 0) {
            return 0.0;
        }
        double strength = 1.0 - Math.exp(-best / 2.5);
        double margin = (best - second + 1.5) / (best + 1.5);
        return Math.max(0.0, Math.min(0.99, strength * margin));
    }

    private static Classification result(Intent intent, double confidence, String language, String normalized,
            Scores scores, String rule) {
        return new Classification(intent, confidence, language, normalized, concat(scores.cues(intent), List.of(rule)),
                null);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Summed weights and the cues behind them. */
    private static final class Scores {

        private final Map<Intent, Double> totals = new EnumMap<>(Intent.class);
        private final Map<Intent, List<String>> cues = new EnumMap<>(Intent.class);
        private final Cue.Matcher matcher;

        Scores(Cue.Matcher matcher) {
            this.matcher = matcher;
        }

        void add(Intent intent, double weight, String cue) {
            totals.merge(intent, weight, Double::sum);
            note(intent, cue);
        }

        void note(Intent intent, String cue) {
            cues.computeIfAbsent(intent, i -> new ArrayList<>()).add(cue);
        }

        double of(Intent intent) {
            return totals.getOrDefault(intent, 0.0);
        }

        List<String> cues(Intent intent) {
            return cues.getOrDefault(intent, List.of());
        }

        /** Whether a token is one of the thank-you words ("makasih", "oke", "siap"). */
        boolean thanksWord(String token) {
            for (Cue cue : CUES) {
                if (cue.intent() == THANKS) {
                    for (Cue.Word word : cue.words()) {
                        if (matcher.matches(token, word)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        Ranked bestExcept(Set<Intent> excluded) {
            return secondExcept(excluded, null);
        }

        /** The highest total among the intents not excluded and not {@code best}. */
        Ranked secondExcept(Set<Intent> excluded, Intent best) {
            Intent winner = OTHER;
            double top = 0.0;
            for (Map.Entry<Intent, Double> entry : totals.entrySet()) { // enum order breaks ties
                if (excluded.contains(entry.getKey()) || entry.getKey() == best) {
                    continue;
                }
                if (entry.getValue() > top) {
                    top = entry.getValue();
                    winner = entry.getKey();
                }
            }
            return new Ranked(winner, top);
        }
    }
}
