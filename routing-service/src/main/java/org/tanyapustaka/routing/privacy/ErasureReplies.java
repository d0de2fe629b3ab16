package org.tanyapustaka.routing.privacy;

/** What the bot says to a patron who asks for their data to be erased, in Bahasa Indonesia or English. */
final class ErasureReplies {

    private ErasureReplies() {
    }

    private static boolean en(String language) {
        return "en".equals(language);
    }

    /** "hapus data saya": what erasing means, and a button to confirm it. */
    static String confirm(String language) {
        return en(language)
                ? "Do you want the library to delete all your data? We will delete your chats with us, the files you "
                        + "sent and received, and your catalogue searches. This cannot be undone; if you write to us "
                        + "again later, we start afresh."
                : "Apakah Anda ingin perpustakaan menghapus semua data Anda? Kami akan menghapus percakapan Anda dengan "
                        + "kami, berkas yang Anda kirim dan terima, serta riwayat pencarian katalog Anda. Data yang sudah "
                        + "dihapus tidak dapat dikembalikan; jika nanti Anda menghubungi kami lagi, percakapan dimulai dari awal.";
    }

    /** The button that confirms (at most 20 characters). */
    static String confirmButton(String language) {
        return en(language) ? "Yes, delete my data" : "Ya, hapus data saya";
    }

    static String cancelButton(String language) {
        return en(language) ? "Cancel" : "Batal";
    }

    /** Confirmed: the erasure is under way. */
    static String erasing(String language) {
        return en(language)
                ? "Done: we are deleting your data now, in every part of our service. Thank you for using the library's WhatsApp service. 🙏"
                : "Baik, data Anda sedang kami hapus dari seluruh layanan kami. Terima kasih telah menggunakan layanan WhatsApp perpustakaan. 🙏";
    }

    /** Cancelled: nothing is deleted. */
    static String kept(String language) {
        return en(language)
                ? "All right, your data stays as it is. Type *menu* if you need anything else."
                : "Baik, data Anda tidak kami hapus. Ketik *menu* jika ada yang bisa kami bantu.";
    }
}
