package org.tanyapustaka.catalog.imports;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** An iterator that computes its next outcome on demand; {@code null} from {@link #computeNext()} ends it. */
abstract class OutcomeIterator implements Iterator<ReadOutcome> {

    private ReadOutcome next;
    private boolean finished;

    /** The next outcome, or {@code null} when there are no more. Must not throw. */
    protected abstract ReadOutcome computeNext();

    @Override
    public final boolean hasNext() {
        if (next == null && !finished) {
            next = computeNext();
            finished = next == null;
        }
        return next != null;
    }

    @Override
    public final ReadOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReadOutcome result = next;
        next = null;
        return result;
    }

    /** A sequential stream over the outcomes. */
    Stream<ReadOutcome> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
