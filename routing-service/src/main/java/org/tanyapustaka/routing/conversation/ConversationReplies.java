package org.tanyapustaka.routing.conversation;

/**
 * What the bot says to the patron, in Bahasa Indonesia or English ({@code language}: {@code id} or {@code en}, the
 * conversation's language). {@link ConversationFlow} decides which reply a message gets; this class only words it.
 * The service list itself is {@link ServiceMenu}; the knowledge base's answers are in the database.
 */
public final class ConversationReplies {

    private ConversationReplies() {
    }

    /** The patron's name as a greeting may use it: the first word of the WhatsApp profile name, or nothing. */
    static String greeting(String firstName, String language) {
        boolean named = firstName != null && !firstName.isEmpty();
        return en(language)
                ? "Hello" + (named ? ", " + firstName : "") + "! 👋 Welcome to the library's WhatsApp service. "
                        + "Choose a service from the list, or just type your question."
                : "Halo" + (named ? ", " + firstName : "") + "! 👋 Selamat datang di layanan WhatsApp "
                        + "Perpustakaan. Silakan pilih layanan dari daftar, atau langsung ketik pertanyaan Anda.";
    }

    static String thanks(String language) {
        return en(language)
                ? "You're welcome! 😊 Glad to help. Type *menu* any time for our services."
                : "Sama-sama! 😊 Senang bisa membantu. Ketik *menu* kapan saja untuk layanan lainnya.";
    }

    /** The first message the bot does not understand (the second goes to a librarian). */
    static String notUnderstood(String language) {
        return en(language)
                ? "Sorry, I did not understand that. 🙏 Please choose a service from the list, or ask in other words:"
                : "Maaf, saya belum memahami pesan Anda. 🙏 Silakan pilih layanan dari daftar, atau tanyakan dengan kata lain:";
    }

    static String noAutomaticAnswer(String language) {
        return en(language)
                ? "Sorry, there is no automatic answer for that yet. Please choose another service:"
                : "Maaf, untuk pertanyaan itu belum ada jawaban otomatis. Silakan pilih layanan lain:";
    }

    /** The patron said the bot's answer did not help (the second time goes to a librarian). */
    static String answerRejected(String language) {
        return en(language)
                ? "Sorry that did not help. 🙏 Please ask in other words, or talk to a librarian:"
                : "Maaf, jawabannya belum membantu. 🙏 Coba tanyakan dengan kata lain, atau bicara dengan pustakawan:";
    }

    /** After "Cari koleksi" from the list: what to search for. */
    static String askForSearch(String language) {
        return en(language)
                ? "What are you looking for? 📚 Type a title, an author or a topic, e.g. *laskar pelangi* or *metodologi penelitian*."
                : "Mau cari koleksi apa? 📚 Ketik judul, pengarang, atau topiknya, misalnya *laskar pelangi* atau *metodologi penelitian*.";
    }

    /** Too many messages at once: one notice, then silence until the flood ends. */
    static String flood(String language) {
        return en(language)
                ? "You are sending many messages at once 🙏 Please wait a moment; I will answer your next message."
                : "Pesan Anda banyak sekali dalam waktu singkat 🙏 Mohon tunggu sebentar, pesan berikutnya akan saya jawab.";
    }

    /** The patron said STOP. */
    static String optedOut(String language) {
        return en(language)
                ? "Done: the library will not start messages to you. You can still write to us any time; type *start* to receive them again."
                : "Baik, perpustakaan tidak akan mengirimi Anda pesan lebih dulu. Anda tetap bisa menghubungi kami kapan saja; ketik *mulai* untuk menerimanya lagi.";
    }

    /** The patron said START after STOP. */
    static String optedIn(String language) {
        return en(language)
                ? "Welcome back! The library may send you messages again. 😊"
                : "Terima kasih, Anda akan kembali menerima pesan dari perpustakaan. 😊";
    }

    /** The button under an answer that asks for a librarian. */
    static String askALibrarianButton(String language) {
        return en(language) ? "Ask a librarian" : "Tanya pustakawan";
    }

    private static boolean en(String language) {
        return "en".equals(language);
    }
}
