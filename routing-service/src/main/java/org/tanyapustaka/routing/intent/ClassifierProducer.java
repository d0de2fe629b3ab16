package org.tanyapustaka.routing.intent;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One classifier for the service: it is immutable and thread-safe. */
public class ClassifierProducer {

    @Produces
    @Singleton
    IntentClassifier classifier() {
        return new IntentClassifier();
    }
}
