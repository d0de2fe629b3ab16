-- Default knowledge base: one answer per FAQ intent, in Bahasa Indonesia and English.
--
-- PLACEHOLDERS: adjust these to your library before going live (here, or later from the librarian tools).
-- Change the Indonesian and the English answer together.
--   opening_hours        Mon-Thu 08.00-16.00 WIB, Fri 08.00-16.30 (break 11.30-13.00), Sat 08.00-12.00;
--                        closed Sundays, national holidays and cuti bersama
--   loan_info            students 3 books / 7 days; lecturers and staff 5 books / 14 days;
--                        reference and skripsi/tesis collections on site only
--   loan_renewal         1 renewal, before the due date, in the OPAC member area or at the circulation desk
--   fines                Rp500 per book per day; lost/damaged book: same title, or price + Rp25.000 processing fee
--   clearance            processing time 1 working day; hard copy/CD only if still required
--   plagiarism_check     .docx/.pdf, max 10 MB; result in 1-3 working days; max similarity e.g. 25%;
--                        1 free check per stage
--   membership           alumni Rp50.000/year, 2 books / 7 days; external visitors Rp5.000/visit, on-site reading
--   thesis_deposit       repository login (SSO/NIM), files per part, verification in 1-3 working days
--   location_facilities  "Gedung Perpustakaan, kampus utama (sebelah Gedung Rektorat)", floors, facilities
--   URLs                 OPAC https://opac.example.ac.id
--                        repository https://repository.example.ac.id
--                        book suggestion form https://library.example.ac.id/usulan-buku
-- "Ketik *pustakawan*" / "Type *librarian*" asks for a librarian (intent human_handover).

INSERT INTO faq_answer (intent, title, examples, answer_id, answer_en) VALUES

('opening_hours', 'Jam layanan',
ARRAY['perpus buka jam brp kak?',
      'min perpus tutup jam brp?',
      'hari sabtu perpus buka gak?',
      'jumat istirahatnya jam brp ya',
      'kalo tanggal merah perpus libur ga?',
      'pas cuti bersama perpus buka ga min',
      'What time does the library open?',
      'Is the library open on Saturday?'],
'*Jam layanan Perpustakaan*
• Senin–Kamis: 08.00–16.00 WIB
• Jumat: 08.00–16.30 WIB (istirahat 11.30–13.00)
• Sabtu: 08.00–12.00 WIB
• Minggu, libur nasional & cuti bersama: *tutup*

Saat libur semester jam layanan bisa berubah; info terbaru kami umumkan di website dan media sosial perpustakaan.

Chat ini dijawab bot *24 jam*, sedangkan pustakawan membalas pada jam layanan. Ketik *pustakawan* jika ingin dibantu langsung.',
'*Library opening hours*
• Mon–Thu: 08.00–16.00 WIB
• Fri: 08.00–16.30 WIB (break 11.30–13.00)
• Sat: 08.00–12.00 WIB
• Sundays, national holidays & cuti bersama (collective leave days): *closed*

Hours may change during semester breaks; we post updates on the library website and social media.

Our bot answers this chat *24/7*; librarians reply during opening hours. Type *librarian* to talk to one of us.'),

('loan_info', 'Aturan peminjaman',
ARRAY['sy mhs blh pinjam brp buku kak?',
      'pinjam buku brp lama ya min',
      'dosen bisa pinjam brp buku?',
      'skripsi bisa dipinjam bawa pulang gak?',
      'gmn cara pinjam buku di perpus',
      'syarat pinjam buku apa aja',
      'How many books can I borrow and for how long?'],
'*Peminjaman buku*
Yang bisa meminjam: anggota aktif (mahasiswa, dosen, tendik) dengan *KTM/kartu pegawai* yang sudah diaktivasi.
• Mahasiswa: *3 buku*, *7 hari*
• Dosen & tendik: *5 buku*, *14 hari*

Koleksi *referensi* (kamus, ensiklopedia, dll.) dan *skripsi/tesis* hanya *dibaca di tempat*.

Cara pinjam: ambil buku dari rak, bawa ke *meja sirkulasi* Lantai 1 bersama kartu Anda. Tanggal kembali bisa dicek di area anggota OPAC: https://opac.example.ac.id

Ketik *pustakawan* jika ingin dibantu langsung.',
'*Borrowing books*
Active members (students, lecturers, staff) may borrow with their activated *student ID / staff card*.
• Students: *3 books* for *7 days*
• Lecturers & staff: *5 books* for *14 days*

*Reference* books (dictionaries, encyclopedias, etc.) and *theses* are for *on-site reading* only.

To borrow, take the books from the shelves to the *circulation desk* on Floor 1 with your card. Check your due dates in the OPAC member area: https://opac.example.ac.id

Type *librarian* to talk to one of us.'),

('loan_renewal', 'Perpanjangan pinjaman',
ARRAY['gmn cara perpanjang buku kak',
      'perpanjang pinjaman bisa online gak?',
      'min sy mau perpanjang buku yg sy pinjam',
      'perpanjang pinjaman bisa brp kali?',
      'buku sy udh lewat jatuh tempo msh bisa diperpanjang?',
      'Can I renew my books online?'],
'*Perpanjangan pinjaman*
Pinjaman bisa diperpanjang *1 kali*, *sebelum tanggal jatuh tempo*:
• Online: login ke area anggota OPAC https://opac.example.ac.id, buka daftar pinjaman Anda, lalu pilih *Perpanjang*
• Atau di *meja sirkulasi* Lantai 1 dengan kartu anggota

Perpanjangan *tidak bisa* jika:
• buku sedang dipesan (reservasi) anggota lain
• pinjaman sudah lewat jatuh tempo atau Anda masih punya denda

Masa pinjam baru dihitung dari tanggal perpanjangan. Ketik *pustakawan* jika ingin dibantu langsung.',
'*Renewing loans*
You can renew a loan *once*, *before the due date*:
• Online: log in to the OPAC member area at https://opac.example.ac.id, open your loans and choose *Renew*
• Or at the *circulation desk* on Floor 1 with your member card

Renewal is *not possible* if:
• another member has reserved the book
• the loan is already overdue or you have unpaid fines

The new loan period starts on the day you renew. Type *librarian* to talk to one of us.'),

('fines', 'Denda & buku hilang',
ARRAY['denda telat brp sehari kak?',
      'sy telat balikin buku, dendanya brp',
      'bayar denda perpus dmn ya',
      'kalo buku ilang gmn min?',
      'bukunya rusak kena air, harus ganti?',
      'How much is the late fine?'],
'*Denda & buku hilang*
• Terlambat: *Rp500 per buku per hari* (hari libur perpustakaan tidak dihitung)
• Buku *hilang/rusak*: ganti dengan *judul yang sama*, atau bayar *harga buku + biaya proses Rp25.000*
• Denda dibayar di *meja sirkulasi* Lantai 1 pada jam layanan

Selama masih ada denda atau pinjaman terlambat, Anda *belum bisa meminjam* dan *belum bisa mengurus bebas pustaka*.

Cek denda Anda di area anggota OPAC: https://opac.example.ac.id
Merasa data denda keliru? Ketik *pustakawan* agar kami cek langsung.',
'*Fines & lost books*
• Late returns: *Rp500 per book per day* (days the library is closed are not counted)
• *Lost/damaged* book: replace it with *the same title*, or pay *its price + a Rp25,000 processing fee*
• Pay fines at the *circulation desk* on Floor 1 during opening hours

While you have unpaid fines or overdue loans, you *cannot borrow* or get your *library clearance*.

Check your fines in the OPAC member area: https://opac.example.ac.id
Think a fine is wrong? Type *librarian* and we will check it for you.'),

('clearance', 'Surat bebas pustaka',
ARRAY['syarat bebas pustaka apa aja kak?',
      'gmn cara ngurus surat bebas pustaka',
      'bebas pustaka brp lama jadinya?',
      'min sy mau yudisium, butuh surat keterangan bebas pustaka',
      'skripsi sy udh diupload, bisa langsung bebas pustaka?',
      'How do I get the library clearance letter?'],
'*Surat Keterangan Bebas Pustaka*
Syarat:
• Tidak ada pinjaman yang belum dikembalikan
• Tidak ada denda
• Skripsi/tesis sudah *diunggah mandiri* ke repository dan *sudah diverifikasi*
• Hardcopy/CD skripsi sudah diserahkan (jika masih diminta)
• KTM

Cara mengajukan: datang ke *meja sirkulasi* Lantai 1 dengan KTM, atau kirim *nama, NIM & prodi* di chat ini.
Surat selesai dalam *1 hari kerja* setelah semua syarat terpenuhi.

Ketik *pustakawan* jika ingin dibantu langsung.',
'*Library clearance letter (Surat Keterangan Bebas Pustaka)*
Requirements:
• No outstanding loans
• No unpaid fines
• Your thesis *self-uploaded* to the repository and *verified*
• Hard copy/CD of the thesis handed in (if still required)
• Student ID card (KTM)

To apply, come to the *circulation desk* on Floor 1 with your KTM, or send your *name, student number & study programme* in this chat.
The letter is ready within *1 working day* once all requirements are met.

Type *librarian* to talk to one of us.'),

('plagiarism_check', 'Cek Turnitin (similarity)',
ARRAY['kak mau cek turnitin skripsi gmn caranya',
      'cek plagiasi di perpus bayar gak?',
      'hasil turnitin brp hari jadinya?',
      'batas similarity utk skripsi brp persen?',
      'sy dosen mau cek plagiarisme artikel bisa?',
      'file utk cek turnitin dikirim kemana min',
      'How do I request a Turnitin check for my thesis?'],
'*Cek similarity (Turnitin)*
Untuk mahasiswa & dosen aktif. Kirim file Anda langsung di chat ini:
• Format *.docx* atau *.pdf*, maks. *10 MB*
• *Tanpa* sampul, kata pengantar, daftar isi, daftar pustaka & lampiran
• Sertakan *nama, NIM/NIP, prodi* dan tahapnya (proposal/skripsi/tesis/artikel)

Hasil dikirim dalam *1–3 hari kerja*. Batas maksimal similarity mengikuti ketentuan *fakultas* Anda (mis. *25%*).
Gratis *1 kali per tahap*.

Ketik *pustakawan* jika ingin dibantu langsung.',
'*Similarity check (Turnitin)*
For active students and lecturers. Send your file right here in this chat:
• *.docx* or *.pdf*, max. *10 MB*
• *Without* the cover, preface, table of contents, references and appendices
• Add your *name, student/staff number, study programme* and the stage (proposal/thesis/dissertation/article)

You get the report within *1–3 working days*. The maximum similarity allowed is set by your *faculty* (e.g. *25%*).
One free check *per stage*.

Type *librarian* to talk to one of us.'),

('membership', 'Keanggotaan',
ARRAY['gmn cara jadi anggota perpus?',
      'sy mhs baru, perlu daftar anggota perpus gak?',
      'aktivasi ktm utk perpus gmn kak',
      'alumni bisa pinjam buku di perpus ga',
      'sy dari kampus lain, blh baca di perpus?',
      'bikin kartu anggota perpus bayar brp',
      'Can alumni or visitors use the library?'],
'*Keanggotaan perpustakaan*
• *Mahasiswa, dosen & tendik*: otomatis menjadi anggota. Cukup *aktivasi sekali* di meja sirkulasi dengan KTM/KTP pegawai; setelah itu KTM/kartu pegawai berlaku sebagai kartu anggota.
• *Alumni*: daftar di meja sirkulasi dengan ijazah/kartu alumni + KTP, biaya *Rp50.000/tahun*; boleh pinjam 2 buku selama 7 hari.
• *Pengunjung luar*: baca di tempat dengan menunjukkan KTP/kartu identitas, biaya *Rp5.000/kunjungan*. Untuk penelitian, bawa surat pengantar dari institusi Anda.

Ketik *pustakawan* jika ingin dibantu langsung.',
'*Library membership*
• *Students, lecturers & staff*: you are members automatically. Just *activate once* at the circulation desk with your student ID or staff ID; after that it works as your library card.
• *Alumni*: register at the circulation desk with your diploma/alumni card + national ID, fee *Rp50,000/year*; you may borrow 2 books for 7 days.
• *External visitors*: read on site by showing an ID card, fee *Rp5,000/visit*. For research, bring a cover letter from your institution.

Type *librarian* to talk to one of us.'),

('thesis_deposit', 'Unggah mandiri skripsi',
ARRAY['gmn cara upload skripsi ke repository?',
      'unggah mandiri skripsi file nya apa aja kak',
      'upload skripsi pdf nya per bab ya?',
      'sy udh upload skripsi, kapan diverifikasi?',
      'surat persetujuan publikasi skripsi dmn dapetnya',
      'min cara serah simpan tesis gmn',
      'How do I upload my thesis to the repository?'],
'*Unggah mandiri skripsi/tesis*
Login di https://repository.example.ac.id (akun SSO/NIM), pilih *Unggah Karya*, isi judul, abstrak (ID & EN), kata kunci dan pembimbing, lalu unggah file *PDF* terpisah:
• Sampul s.d. daftar isi (termasuk lembar pengesahan)
• Abstrak
• BAB I, BAB II, dst. (satu file per bab)
• Daftar pustaka & lampiran
• *Surat persetujuan publikasi* bertanda tangan (formulirnya ada di repository)

Verifikasi oleh pustakawan *1–3 hari kerja*; jika perlu perbaikan, kami kabari lewat email. Setelah terverifikasi, Anda bisa mengajukan *bebas pustaka*.
Ketik *pustakawan* jika ingin dibantu langsung.',
'*Self-uploading your thesis*
Log in at https://repository.example.ac.id (campus SSO/student number), choose *Upload*, fill in the title, abstract (ID & EN), keywords and supervisors, then upload separate *PDF* files:
• Cover to table of contents (incl. approval page)
• Abstract
• Chapter 1, Chapter 2, etc. (one file per chapter)
• References & appendices
• The signed *publication consent form* (download it from the repository)

A librarian verifies it within *1–3 working days* and emails you if anything needs fixing. Once verified, you can apply for *library clearance*.
Type *librarian* to talk to one of us.'),

('book_suggestion', 'Usulan buku',
ARRAY['kak sy mau usul buku utk dibeli perpus',
      'gmn cara usulin buku baru?',
      'buku yg sy cari gak ada, bisa diadain?',
      'dosen mau request buku utk matkul, kemana ya',
      'form usulan buku dmn min',
      'Can I suggest a book for the library to buy?'],
'*Usulan buku*
Terima kasih sudah ikut melengkapi koleksi kami! Kirim usulan dengan data:
• Judul
• Pengarang
• Penerbit & tahun terbit
• ISBN (jika ada)
• Nama, NIM/NIP & prodi Anda

Balas langsung di chat ini, atau isi formulir di https://library.example.ac.id/usulan-buku

Usulan dipertimbangkan oleh *tim pengadaan* sesuai kebutuhan prodi dan anggaran, jadi tidak semua usulan bisa langsung dibeli. Status usulan bisa Anda tanyakan di sini.
Ketik *pustakawan* jika ingin dibantu langsung.',
'*Book suggestions*
Thank you for helping us build the collection! Send your suggestion with:
• Title
• Author
• Publisher & year
• ISBN (if known)
• Your name, student/staff number & study programme

Reply right here in this chat, or use the form at https://library.example.ac.id/usulan-buku

Our *acquisitions team* considers each suggestion against programme needs and the budget, so not every title can be bought right away. You can ask about its status here.
Type *librarian* to talk to one of us.'),

('location_facilities', 'Lokasi & fasilitas',
ARRAY['perpus dmn ya lokasinya kak?',
      'ada wifi gak di perpus?',
      'boleh bawa tas ke dalam perpus?',
      'ruang diskusi bisa dibooking gmn',
      'di perpus bisa print/fotokopi gak',
      'skripsi ada di lantai brp?',
      'musholanya dmn min',
      'Where is the library and is there wifi?'],
'*Lokasi & fasilitas*
Gedung Perpustakaan, kampus utama (sebelah Gedung Rektorat).
• *Lantai 1*: sirkulasi & koleksi umum
• *Lantai 2*: referensi & ruang baca
• *Lantai 3*: skripsi/tesis & koleksi asing

Fasilitas:
• Wifi (login akun kampus)
• *Loker*: tas & jaket disimpan di loker, tidak boleh dibawa masuk
• Ruang diskusi, bisa dipesan di meja sirkulasi atau lewat chat ini
• Komputer/OPAC, print & fotokopi
• Musala dan parkir motor/mobil

Ketik *pustakawan* jika ingin dibantu langsung.',
'*Location & facilities*
The Library Building, main campus (next to the Rectorate Building).
• *Floor 1*: circulation & general collection
• *Floor 2*: reference & reading room
• *Floor 3*: theses & foreign-language collection

Facilities:
• Wifi (log in with your campus account)
• *Lockers*: bags and jackets go in a locker, not inside
• Discussion rooms, bookable at the circulation desk or in this chat
• Computers/OPAC, printing & photocopying
• Prayer room (musala) and car/motorbike parking

Type *librarian* to talk to one of us.');
