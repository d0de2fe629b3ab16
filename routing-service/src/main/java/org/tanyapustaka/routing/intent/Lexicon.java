package org.tanyapustaka.routing.intent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The language the classifier reads, loaded from {@code language.txt} beside this class (its header documents the
 * format): the cues per intent, chat spellings and their standard forms, the word lists that tell topics, languages,
 * greetings and calls for attention apart, and the phrases of short replies. The only place these are read from.
 */
final class Lexicon {

    private Lexicon() {
    }

    /** The resource, relative to this class. */
    static final String RESOURCE = "language.txt";

    /** Address words ("kak", "min", "pak") are all read as this one token. */
    static final String ADDRESS = "kak";

    private static final Sections SECTIONS = Sections.load(RESOURCE);

    /** Chat spelling → standard form (may be several words). Keys are single lower-case tokens. */
    static final Map<String, String> VARIANTS = SECTIONS.variants("variants");
    /** Words that never name a topic (used to tell titles and subjects apart from chat). */
    static final Set<String> STOPWORDS = SECTIONS.words("stopwords");
    /** Words that mark a message as English. */
    static final Set<String> ENGLISH = SECTIONS.words("english");
    /** Words that mark a message as Indonesian (including chat spellings and Bangka Malay). */
    static final Set<String> INDONESIAN = SECTIONS.words("indonesian");
    /** Greeting words: a message made only of these (and address words or particles) is a greeting. */
    static final Set<String> GREETING_WORDS = SECTIONS.words("greeting");
    /** Greeting words that make no greeting on their own ("good", "all"). */
    static final Set<String> NOT_GREETING = SECTIONS.words("not-greeting");
    /** Particles that may pad a greeting or a thank-you without adding a question. */
    static final Set<String> PARTICLES = SECTIONS.words("particles");
    /** Calls for attention that ask nothing yet ("kak?", "min, mau tanya"). */
    static final Set<String> PINGS = SECTIONS.words("pings");
    /** Words that are never part of a title, author or subject. */
    static final Set<String> NOT_TOPIC = SECTIONS.words("not-topic");
    /** Words that ask whether something is held ("... ada?"). */
    static final Set<String> ASKS_FOR_TITLE = SECTIONS.words("asks-for-title");
    /** Chat spellings that are English, not Indonesian. */
    static final Set<String> ENGLISH_VARIANTS = SECTIONS.words("english-variants");
    /** Number words of a rating ("lima" → "5"). */
    static final Map<String, String> NUMBER_WORDS = SECTIONS.variants("variants numbers");
    /** Rating verdicts in order: the first phrase found decides ("puas banget" → 5 before "puas" → 4). */
    static final List<Map.Entry<String, String>> RATING_VERDICTS = SECTIONS.phrases("rating-verdicts");
    /** Words around a short reply that do not change it ("ga jadi kak"). */
    static final Set<String> REPLY_PADDING = SECTIONS.words("reply-padding");
    /** Whole short replies by meaning: cancel, stop, start, more. */
    static final List<Map.Entry<String, String>> SHORT_REPLIES = SECTIONS.phrases("short-replies");
    /** The cue table, families ({BOOK}) spelled out. */
    static final List<Cue> CUES = SECTIONS.cues("cues", null);
    /** The evidence of spam (weighted patterns, as cues). */
    static final List<Cue> SPAM = SECTIONS.cues("spam", Intent.OTHER);
    /** A message of one of these words alone asks for the list of services ("layanan", "info"). */
    static final Set<String> MENU_WORDS = SECTIONS.words("menu-words");
    /** Words that may follow a greeting without asking anything ("selamat pagi Bapak pustakawan"). */
    static final Set<String> GREETING_ADDRESS = SECTIONS.words("greeting-address");
    /** Words after "bukan" that open a disclaimer ("bukan mau usul, ..."): what follows is not the request. */
    static final Set<String> DISCLAIMER_OPENERS = SECTIONS.words("disclaimer-openers");
    /** Words that end a disclaimer ("..., mau cek similarity"). */
    static final Set<String> DISCLAIMER_ENDS = SECTIONS.words("disclaimer-ends");

    static {
        for (String address : SECTIONS.words("address")) {
            VARIANTS.putIfAbsent(address, ADDRESS);
        }
    }

    /** The file's sections by header ("cues", "words english", "variants"), each a list of non-comment lines. */
    private record Sections(Map<String, List<String>> lines) {

        static Sections load(String resource) {
            Map<String, List<String>> sections = new LinkedHashMap<>();
            List<String> current = null;
            try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("The classifier's " + resource + " is not on the class path");
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n")) {
                    String trimmed = line.strip();
                    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                        continue;
                    }
                    if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                        String name = trimmed.substring(1, trimmed.length() - 1).strip();
                        if (sections.containsKey(name)) {
                            throw new IllegalStateException("Section [" + name + "] twice in " + resource);
                        }
                        current = new ArrayList<>();
                        sections.put(name, current);
                    } else if (current == null) {
                        throw new IllegalStateException("Line outside a section in " + resource + ": " + line);
                    } else {
                        current.add(trimmed);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Sections(sections);
        }

        private List<String> section(String name) {
            List<String> section = lines.get(name);
            if (section == null) {
                throw new IllegalStateException("No section [" + name + "] in " + RESOURCE);
            }
            return section;
        }

        Set<String> words(String name) {
            Set<String> words = new LinkedHashSet<>();
            for (String line : section("words " + name)) {
                words.addAll(List.of(line.split("\\s+")));
            }
            return Set.copyOf(words);
        }

        /** "standard: spelling spelling" lines as spelling → standard (a mutable map). */
        Map<String, String> variants(String name) {
            Map<String, String> variants = new HashMap<>();
            for (Map.Entry<String, String> entry : keyed(name)) {
                for (String spelling : entry.getValue().strip().split("\\s+")) {
                    variants.put(spelling, entry.getKey());
                }
            }
            return variants;
        }

        /** "key: phrase | phrase" lines as (key, phrase) pairs in file order. */
        List<Map.Entry<String, String>> phrases(String name) {
            List<Map.Entry<String, String>> phrases = new ArrayList<>();
            for (Map.Entry<String, String> entry : keyed("phrases " + name)) {
                for (String phrase : entry.getValue().split("\\|")) {
                    phrases.add(Map.entry(entry.getKey(), phrase.strip()));
                }
            }
            return List.copyOf(phrases);
        }

        private List<Map.Entry<String, String>> keyed(String name) {
            List<Map.Entry<String, String>> entries = new ArrayList<>();
            for (String line : section(name)) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalStateException("Expected 'key: ...' in [" + name + "]: " + line);
                }
                entries.add(Map.entry(line.substring(0, colon).strip(), line.substring(colon + 1)));
            }
            return entries;
        }

        /** "intent weight pattern" lines, or "weight pattern" lines when the section is of one intent. */
        List<Cue> cues(String name, Intent sectionIntent) {
            Map<String, String> groups = new HashMap<>();
            for (String line : section("groups")) {
                String[] parts = line.split("=", 2);
                groups.put("{" + parts[0].strip() + "}", parts[1].strip());
            }
            List<Cue> cues = new ArrayList<>();
            for (String line : section(name)) {
                String[] parts = sectionIntent == null ? line.split("\\s+", 3)
                        : ("- " + line).split("\\s+", 3);
                if (parts.length < 3) {
                    throw new IllegalStateException("Expected '[intent] weight pattern' in [" + name + "]: " + line);
                }
                Intent intent = sectionIntent != null ? sectionIntent : Intent.fromWireName(parts[0])
                        .orElseThrow(() -> new IllegalStateException("Unknown intent in [cues]: " + line));
                String pattern = parts[2];
                for (Map.Entry<String, String> group : groups.entrySet()) {
                    pattern = pattern.replace(group.getKey(), group.getValue());
                }
                if (pattern.contains("{")) {
                    throw new IllegalStateException("Unknown {GROUP} in [" + name + "]: " + line);
                }
                cues.add(new Cue(intent, Double.parseDouble(parts[1]), pattern));
            }
            return List.copyOf(cues);
        }
    }
}
