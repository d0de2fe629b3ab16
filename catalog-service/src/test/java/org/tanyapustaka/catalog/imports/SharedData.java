package org.tanyapustaka.catalog.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real MARC and OAI-PMH test files of this module ({@code src/test/resources/data}, see its README). */
final class SharedData {

    static final Path ROOT = Path.of("src/test/resources/data");

    private SharedData() {
    }

    static Path file(String relative) {
        Path path = ROOT.resolve(relative);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("missing test data " + path.toAbsolutePath().normalize());
        }
        return path;
    }

    static List<Path> filesUnder(String relative) {
        try (Stream<Path> walk = Files.walk(ROOT.resolve(relative))) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ReadOutcome> readMarc(Path file) {
        try (Stream<ReadOutcome> outcomes = MarcImport.read(file)) {
            return outcomes.toList();
        }
    }

    static List<ReadOutcome> readMarc(String relative) {
        return readMarc(file(relative));
    }

    static BibRecord record(List<ReadOutcome> outcomes, String sourceId) {
        return outcomes.stream().filter(ReadOutcome::ok).map(ReadOutcome::record)
                .filter(r -> sourceId.equals(r.sourceId())).findFirst()
                .orElseThrow(() -> new AssertionError("no record " + sourceId));
    }

    static List<BibRecord> records(List<ReadOutcome> outcomes) {
        return outcomes.stream().filter(ReadOutcome::ok).map(ReadOutcome::record).toList();
    }

    static List<ReadOutcome> failures(List<ReadOutcome> outcomes) {
        return outcomes.stream().filter(o -> !o.ok()).toList();
    }
}
