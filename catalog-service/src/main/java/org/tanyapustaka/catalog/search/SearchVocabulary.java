package org.tanyapustaka.catalog.search;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What patrons call things that the catalogue calls otherwise, from two files librarians edit: acronyms,
 * nicknames and synonyms ({@code search/synonyms.tsv}: "pkn" for "pendidikan kewarganegaraan", "tere" for "tere
 * liye") and the English and Indonesian names of academic subjects ({@code search/subject-terms-en-id.tsv}: "plant
 * physiology" and "fisiologi tumbuhan", both ways). A library replaces either with its own copy through
 * {@code catalog.search.synonyms-file} and {@code catalog.search.subject-terms-file}.
 */
@ApplicationScoped
public class SearchVocabulary {

    /** The longest phrase a line may name, in words. */
    private static final int MAX_WORDS = 4;

    /**
     * A search term: one word of the query or a phrase the files name, and what else may stand for it (each
     * alternative a word or phrase; the record has to have one of them).
     */
    public record Group(String words, List<String> alternatives) {
    }

    private final Map<String, Set<String>> alternatives;

    SearchVocabulary(@ConfigProperty(name = "catalog.search.synonyms-file") Optional<Path> synonymsFile,
            @ConfigProperty(name = "catalog.search.subject-terms-file") Optional<Path> subjectTermsFile) {
        Map<String, Set<String>> map = new HashMap<>();
        for (List<String> line : read(synonymsFile, "search/synonyms.tsv")) {
            for (String alternative : line.subList(1, line.size())) {
                add(map, line.get(0), alternative);
            }
        }
        for (List<String> line : read(subjectTermsFile, "search/subject-terms-en-id.tsv")) {
            // English first, then its Indonesian names: each stands for the others.
            for (String a : line) {
                for (String b : line) {
                    add(map, a, b);
                }
            }
        }
        this.alternatives = map;
    }

    /** The query's terms as groups: the longest phrases the files name first, every other word alone. */
    public List<Group> groups(List<String> terms) {
        List<Group> groups = new ArrayList<>();
        int i = 0;
        while (i < terms.size()) {
            int length = Math.min(MAX_WORDS, terms.size() - i);
            Set<String> found = null;
            for (; length > 1; length--) {
                found = alternatives.get(String.join(" ", terms.subList(i, i + length)));
                if (found != null) {
                    break;
                }
            }
            if (length == 1) {
                found = alternatives.get(terms.get(i));
            }
            groups.add(new Group(String.join(" ", terms.subList(i, i + length)),
                    found == null ? List.of() : List.copyOf(found)));
            i += length;
        }
        return groups;
    }

    private static void add(Map<String, Set<String>> map, String key, String alternative) {
        String k = normalize(key);
        String a = normalize(alternative);
        if (!k.isEmpty() && !a.isEmpty() && !k.equals(a)) {
            map.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(a);
        }
    }

    /** As {@link ChatQuery} reads a query: lower case, without accents, words of letters and digits. */
    static String normalize(String text) {
        return String.join(" ", ChatQuery.stripAccents(text.toLowerCase(Locale.ROOT)).strip()
                .split("[^\\p{L}\\p{N}]+")).strip();
    }

    /** A file's lines: the columns, the later ones split at ";", without comments and blank values. */
    private static List<List<String>> read(Optional<Path> file, String resource) {
        String text;
        try {
            if (file.isPresent()) {
                text = Files.readString(file.get(), StandardCharsets.UTF_8);
            } else {
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException(resource + " is missing from the catalog-service jar");
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            int hash = line.indexOf('#');
            String content = hash >= 0 ? line.substring(0, hash) : line;
            String[] columns = content.split("\t");
            if (columns.length < 2) {
                continue;
            }
            List<String> values = new ArrayList<>();
            values.add(columns[0].strip());
            for (int c = 1; c < columns.length; c++) {
                for (String v : columns[c].split(";")) {
                    if (!v.isBlank()) {
                        values.add(v.strip());
                    }
                }
            }
            if (!values.get(0).isEmpty() && values.size() > 1) {
                lines.add(values);
            }
        }
        return lines;
    }
}
