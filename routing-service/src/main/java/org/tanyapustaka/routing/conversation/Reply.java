package org.tanyapustaka.routing.conversation;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.tanyapustaka.events.PatronMessage;

/**
 * What the bot says to a message, for now: a greeting, "menu", or anything it does not understand yet is
 * answered with a short greeting and the list of services, in the patron's language.
 */
final class Reply {

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final Set<String> GREETINGS = Set.of("halo", "hallo", "helo", "hai", "hi", "hello", "hey", "hei",
            "pagi", "siang", "sore", "malam", "assalamualaikum", "assalamu'alaikum", "salam", "permisi", "menu",
            "morning", "afternoon", "evening", "selamat", "good", "kak", "min", "mimin", "p", "ping", "start", "mulai");
    private static final Set<String> ENGLISH = Set.of("hi", "hello", "hey", "good", "morning", "afternoon", "evening",
            "please", "what", "how", "where", "when", "the", "is", "are", "can", "i", "my", "you", "library", "book",
            "thanks", "thank", "help");
    private static final Set<String> INDONESIAN = Set.of("halo", "kak", "min", "selamat", "pagi", "siang", "sore",
            "malam", "apa", "bagaimana", "gimana", "gmn", "mau", "saya", "sy", "aku", "buku", "perpus", "perpustakaan",
            "ya", "yg", "yang", "dong", "tolong", "bisa", "ada", "jam", "brp", "berapa", "terima", "kasih", "makasih",
            "assalamualaikum", "permisi", "hai", "pinjam", "tanya");

    private Reply() {
    }

    /** {@code en} when the message reads as English, else {@code id} (the library's first language). */
    static String languageOf(String text, String previous) {
        if (text == null || text.isBlank()) {
            return previous;
        }
        int english = 0;
        int indonesian = 0;
        var words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (words.find()) {
            String word = words.group();
            english += ENGLISH.contains(word) ? 1 : 0;
            indonesian += INDONESIAN.contains(word) ? 1 : 0;
        }
        if (english == indonesian) {
            return english == 0 ? previous : "id";
        }
        return english > indonesian ? "en" : "id";
    }

    /** True when every word is a greeting or a call for the menu ("halo kak", "selamat pagi min", "menu"). */
    static boolean isGreeting(String text) {
        if (text == null) {
            return false;
        }
        var words = WORD.matcher(text.toLowerCase(Locale.ROOT));
        boolean any = false;
        while (words.find()) {
            if (!GREETINGS.contains(words.group())) {
                return false;
            }
            any = true;
        }
        return any;
    }

    static String bodyFor(PatronMessage message, String language) {
        boolean english = "en".equals(language);
        String name = firstName(message.profileName());
        if (message.replyId() != null && message.replyId().startsWith(ServiceMenu.ROW_PREFIX)) {
            return english
                    ? "Automatic answers for *" + message.replyTitle() + "* are not available on this number yet. "
                            + "Please choose another service:"
                    : "Maaf, layanan *" + message.replyTitle() + "* belum bisa dijawab otomatis di nomor ini. "
                            + "Silakan pilih layanan lain:";
        }
        if (isGreeting(message.text())) {
            return english
                    ? "Hello" + (name.isEmpty() ? "" : ", " + name) + "! 👋 Welcome to the library's WhatsApp service. "
                            + "Choose a service from the list, or just type your question."
                    : "Halo" + (name.isEmpty() ? "" : ", " + name) + "! 👋 Selamat datang di layanan WhatsApp "
                            + "Perpustakaan. Silakan pilih layanan dari daftar, atau langsung ketik pertanyaan Anda.";
        }
        return english
                ? "Sorry, I did not understand that yet. 🙏 Please choose a service from the list:"
                : "Maaf, saya belum memahami pesan Anda. 🙏 Silakan pilih layanan dari daftar berikut:";
    }

    private static String firstName(String profileName) {
        if (profileName == null || profileName.isBlank()) {
            return "";
        }
        String first = profileName.strip().split("\\s+")[0];
        return first.length() > 30 ? "" : first;
    }
}
