package org.tanyapustaka.bench.catalogsearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The public judged queries ({@code search-judgements-public.tsv}: query, relevant {@code catalogue-id.csv} ids
 * most relevant first, note). An empty id list means nothing in the collection is relevant.
 */
record SearchJudgements(List<Judgement> judgements) {

    record Judgement(String query, List<String> relevant, String note) {

        boolean expectsNothing() {
            return relevant.isEmpty();
        }
    }

    static SearchJudgements read(Path tsv) throws IOException {
        List<Judgement> judgements = new ArrayList<>();
        List<String> lines = Files.readAllLines(tsv);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            List<String> ids = f.length > 1 && !f[1].isBlank()
                    ? Arrays.stream(f[1].split(",")).map(String::strip).toList()
                    : List.of();
            judgements.add(new Judgement(f[0].strip(), ids, f.length > 2 ? f[2].strip() : ""));
        }
        return new SearchJudgements(List.copyOf(judgements));
    }

    List<String> queries() {
        return judgements.stream().map(Judgement::query).toList();
    }

    long withRelevant() {
        return judgements.stream().filter(j -> !j.expectsNothing()).count();
    }
}
