package org.tanyapustaka.routing.intent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well the classifier reads a library's own labelled messages ({@code text<TAB>intent<TAB>note}, a header line
 * first, as {@code data/indonesian/patron-questions-public.tsv}; a note containing {@code after-csat-prompt} means
 * the message answers the rating question): accuracy, a confusion matrix and every misread line. Run by
 * {@code ./tanya eval intents [FILE]} and by the accuracy test in {@code mvn verify}.
 */
public final class IntentEvaluation {

    /** One labelled message. */
    public record Example(String text, Intent expected, String note) {

        boolean afterRatingPrompt() {
            return note.contains("after-csat-prompt");
        }
    }

    /** One message as read. */
    public record Outcome(Example example, Classification result) {

        public boolean correct() {
            return result.intent() == example.expected();
        }
    }

    /** The outcomes of a set of messages. */
    public record Result(String name, List<Outcome> outcomes) {

        public long correct() {
            return outcomes.stream().filter(Outcome::correct).count();
        }

        public double accuracy() {
            return outcomes.isEmpty() ? 0.0 : (double) correct() / outcomes.size();
        }

        /** Accuracy, the confusion matrix (rows: expected, columns: read as) and the misread lines. */
        public String report(boolean withMisses) {
            StringBuilder out = new StringBuilder();
            out.append(String.format("Intent accuracy on %s: %d/%d = %.1f %%%n", name, correct(), outcomes.size(),
                    100 * accuracy()));
            Map<Intent, Map<Intent, Integer>> matrix = new EnumMap<>(Intent.class);
            List<Intent> seen = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                matrix.computeIfAbsent(outcome.example().expected(), i -> new EnumMap<>(Intent.class))
                        .merge(outcome.result().intent(), 1, Integer::sum);
                for (Intent intent : List.of(outcome.example().expected(), outcome.result().intent())) {
                    if (!seen.contains(intent)) {
                        seen.add(intent);
                    }
                }
            }
            seen.sort(null);
            out.append(String.format("%nConfusion (rows: expected; columns: read as, by number)%n%-22s", ""));
            for (int i = 0; i < seen.size(); i++) {
                out.append(String.format("%4d", i + 1));
            }
            out.append("   right\n");
            for (int row = 0; row < seen.size(); row++) {
                Map<Intent, Integer> counts = matrix.getOrDefault(seen.get(row), Map.of());
                out.append(String.format("%2d %-19s", row + 1, seen.get(row).wireName()));
                int total = 0;
                for (Intent column : seen) {
                    int n = counts.getOrDefault(column, 0);
                    total += n;
                    out.append(n == 0 ? "   ." : String.format("%4d", n));
                }
                out.append(String.format("   %d/%d%n", counts.getOrDefault(seen.get(row), 0), total));
            }
            if (withMisses) {
                List<Outcome> misses = outcomes.stream().filter(o -> !o.correct()).toList();
                out.append(misses.isEmpty() ? "\nNo misread lines.\n" : "\nMisread lines:\n");
                for (Outcome miss : misses) {
                    out.append(String.format("  expected %-19s read %-19s %.2f  %s%n      as \"%s\" %s%n",
                            miss.example().expected(), miss.result().intent(), miss.result().confidence(),
                            miss.example().text(), miss.result().normalizedText(), miss.result().cues()));
                }
            }
            return out.toString();
        }
    }

    private IntentEvaluation() {
    }

    /** The labelled lines of a TSV file's text (the first line is the header). */
    public static List<Example> parse(String tsv) {
        List<Example> examples = new ArrayList<>();
        String[] lines = tsv.split("\r?\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].split("\t", -1);
            if (fields.length < 2) {
                throw new IllegalArgumentException("Line " + (i + 1) + " has no intent column: " + lines[i]);
            }
            int lineNumber = i + 1;
            Intent intent = Intent.fromWireName(fields[1]).orElseThrow(() -> new IllegalArgumentException(
                    "Unknown intent '" + fields[1] + "' on line " + lineNumber));
            examples.add(new Example(fields[0], intent, fields.length > 2 ? fields[2] : ""));
        }
        return examples;
    }

    public static Result evaluate(IntentClassifier classifier, String name, List<Example> examples) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Example example : examples) {
            outcomes.add(new Outcome(example, classifier.classify(example.text(), example.afterRatingPrompt())));
        }
        return new Result(name, outcomes);
    }

    /** Every fourth line (the 4th, 8th, …): the held-out part of a file the rules were not written against. */
    public static List<Example> heldOut(List<Example> examples) {
        List<Example> part = new ArrayList<>();
        for (int i = 3; i < examples.size(); i += 4) {
            part.add(examples.get(i));
        }
        return part;
    }

    /**
     * The outcomes with the catalogue's judgement: each message the bot sends to the catalogue to judge
     * ({@link Classification#forTheCatalogueToJudge}) whose text the catalogue matched strongly is read as a
     * catalogue search, as the bot answers it; every other message keeps the classifier's reading.
     */
    public static Result judged(Result result, Set<String> strong) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Outcome outcome : result.outcomes()) {
            String text = outcome.example().text().strip();
            boolean judged = outcome.result().forTheCatalogueToJudge(text);
            outcomes.add(new Outcome(outcome.example(),
                    outcome.result().judgedByTheCatalogue(judged && strong.contains(text))));
        }
        return new Result(result.name() + ", with the catalogue's judgement", outcomes);
    }

    /**
     * {@code IntentEvaluation [--held-out] [--for-judge | --judged JUDGEMENTS] FILE...}: prints the report of each
     * file (only its every fourth line with {@code --held-out}); exits 1 when a file cannot be read.
     * {@code --for-judge} prints instead the messages the bot would send to the catalogue to judge, one a line;
     * {@code --judged} reads the catalogue's answer to them ({@code strong|weak<TAB>message} a line, as catalog's
     * {@code POST /api/catalog/search/judgement} writes it) and reports the classifier with the catalogue's judgement.
     */
    public static void main(String[] args) throws IOException {
        boolean heldOut = false;
        boolean forJudge = false;
        Path judgements = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--held-out" -> heldOut = true;
                case "--for-judge" -> forJudge = true;
                case "--judged" -> judgements = i + 1 < args.length ? Path.of(args[++i]) : null;
                default -> files.add(args[i]);
            }
        }
        if (files.isEmpty() || (forJudge && judgements != null)) {
            System.err.println("usage: IntentEvaluation [--held-out] [--for-judge | --judged JUDGEMENTS] FILE.tsv ...");
            System.exit(2);
        }
        Set<String> strong = new HashSet<>();
        if (judgements != null) {
            for (String line : readable(judgements.toString()).split("\\R")) {
                if (line.startsWith("strong\t")) {
                    strong.add(line.substring("strong\t".length()).strip());
                }
            }
        }
        IntentClassifier classifier = new IntentClassifier();
        for (String file : files) {
            List<Example> examples = parse(readable(file));
            Result result = evaluate(classifier, file + (heldOut ? " (held-out lines: every fourth)" : ""),
                    heldOut ? heldOut(examples) : examples);
            if (forJudge) {
                result.outcomes().stream().filter(o -> o.result().forTheCatalogueToJudge(o.example().text().strip()))
                        .map(o -> o.example().text().strip()).distinct().forEach(System.out::println);
            } else if (judgements != null) {
                System.out.printf("Classifier alone: %d/%d = %.1f %%%n", result.correct(), result.outcomes().size(),
                        100 * result.accuracy());
                System.out.println(judged(result, strong).report(true));
            } else {
                System.out.println(result.report(true));
            }
        }
    }

    private static String readable(String file) throws IOException {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            System.err.println("Cannot read " + file);
            System.exit(1);
        }
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
