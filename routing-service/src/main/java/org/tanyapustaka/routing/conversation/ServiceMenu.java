package org.tanyapustaka.routing.conversation;

import java.util.List;
import org.tanyapustaka.events.OutboundMessage.ListMenu;
import org.tanyapustaka.events.OutboundMessage.Row;
import org.tanyapustaka.events.OutboundMessage.Section;

/**
 * The library's services as a WhatsApp interactive list (at most 10 rows, titles of at most 24 characters,
 * descriptions of at most 72). Row ids are {@code menu:<intent>}, so a choice maps straight to an intent.
 */
public final class ServiceMenu {

    public static final String ROW_PREFIX = "menu:";

    private static final ListMenu INDONESIAN = new ListMenu("Tanya Pustaka", "Ketik *menu* kapan saja", "Lihat layanan",
            List.of(new Section("Layanan perpustakaan", List.of(
                    new Row("menu:catalog_search", "Cari koleksi", "Cari buku, jurnal, skripsi, dan ketersediaannya"),
                    new Row("menu:opening_hours", "Jam & lokasi layanan", "Jam buka, lokasi, dan fasilitas perpustakaan"),
                    new Row("menu:loan_renewal", "Pinjam & perpanjang", "Aturan peminjaman dan perpanjangan buku"),
                    new Row("menu:clearance", "Bebas pustaka", "Syarat dan alur surat keterangan bebas pustaka"),
                    new Row("menu:plagiarism_check", "Cek similarity", "Cek similarity (Turnitin) untuk karya ilmiah"),
                    new Row("menu:membership", "Keanggotaan", "Pendaftaran dan aktivasi anggota perpustakaan"),
                    new Row("menu:thesis_deposit", "Unggah karya ilmiah", "Unggah mandiri skripsi, tesis, dan disertasi"),
                    new Row("menu:book_suggestion", "Usulan buku", "Usulkan buku yang perlu dibeli perpustakaan"),
                    new Row("menu:human_handover", "Tanya pustakawan", "Bicara langsung dengan pustakawan kami")))));

    private static final ListMenu ENGLISH = new ListMenu("Tanya Pustaka", "Type *menu* at any time", "See services",
            List.of(new Section("Library services", List.of(
                    new Row("menu:catalog_search", "Search the collection", "Books, journals, theses and their availability"),
                    new Row("menu:opening_hours", "Hours & location", "Opening hours, location and facilities"),
                    new Row("menu:loan_renewal", "Loans & renewals", "Borrowing rules and how to renew a loan"),
                    new Row("menu:clearance", "Library clearance", "Requirements for the library clearance letter"),
                    new Row("menu:plagiarism_check", "Similarity check", "Turnitin similarity check for your manuscript"),
                    new Row("menu:membership", "Membership", "Joining and activating library membership"),
                    new Row("menu:thesis_deposit", "Thesis deposit", "Self-upload of theses and dissertations"),
                    new Row("menu:book_suggestion", "Suggest a book", "Suggest a book for the library to buy"),
                    new Row("menu:human_handover", "Ask a librarian", "Talk to one of our librarians")))));

    private ServiceMenu() {
    }

    public static ListMenu in(String language) {
        return "en".equals(language) ? ENGLISH : INDONESIAN;
    }
}
