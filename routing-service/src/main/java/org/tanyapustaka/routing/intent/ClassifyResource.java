package org.tanyapustaka.routing.intent;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.tanyapustaka.routing.faq.FaqAnswer;

/** Why the bot answers as it does: {@code GET /api/routing/classify?text=…}, touching no conversation. */
@Path("/api/routing/classify")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "librarian", "admin" })
public class ClassifyResource {

    @Inject
    IntentClassifier classifier;

    public record Verdict(Intent intent, double confidence, String language, Long faqId, String explanation,
            List<String> cues) {
    }

    @GET
    @Transactional
    public Verdict classify(@QueryParam("text") @NotBlank @Size(max = 4096) String text) {
        Classification c = classifier.classify(text);
        Long faqId = FaqAnswer.forIntent(c.intent().wireName()).map(a -> a.id).orElse(null);
        return new Verdict(c.intent(), Math.round(c.confidence() * 100) / 100.0, c.language(), faqId, c.explain(), c.cues());
    }
}
