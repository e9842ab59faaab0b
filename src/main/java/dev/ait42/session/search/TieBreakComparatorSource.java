package dev.ait42.session.search;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.FieldComparator;
import org.apache.lucene.search.FieldComparatorSource;
import org.apache.lucene.search.LeafFieldComparator;
import org.apache.lucene.search.Pruning;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;

/**
 * The order of {@link SearchIndexes#TIE_BREAK} among equal scores, as the index's own string sort
 * gives it (ascending, a document without the field first), for less: Lucene's comparator reads
 * the text of every document that enters the top hits, although a score decides nearly every
 * comparison. This one keeps the document's ordinal and reads the text only when two documents of
 * different segments must be compared by it, or the hit's value is asked for.
 */
final class TieBreakComparatorSource extends FieldComparatorSource {

    @Override
    public FieldComparator<BytesRef> newComparator(String field, int numHits, Pruning pruning, boolean reversed) {
        return new Comparator(field, numHits);
    }

    /** Ordinal of a document without the field: lower than every other. */
    private static final int MISSING = -1;

    private static final class Comparator extends FieldComparator<BytesRef> {
        private final String field;
        private final int[] ords;
        /** The segment's values each slot's ordinal is of (read on demand). */
        private final SortedDocValues[] segments;
        private final BytesRef[] values;
        private final boolean[] resolved;
        /** The queue's bottom, kept from segment to segment (Lucene sets it once the queue is full). */
        private int bottomSlot = -1;

        Comparator(String field, int numHits) {
            this.field = field;
            this.ords = new int[numHits];
            this.segments = new SortedDocValues[numHits];
            this.values = new BytesRef[numHits];
            this.resolved = new boolean[numHits];
        }

        @Override
        public int compare(int slot1, int slot2) {
            if (segments[slot1] == segments[slot2]) {
                return Integer.compare(ords[slot1], ords[slot2]);
            }
            return compareValues(value(slot1), value(slot2));
        }

        @Override
        public void setTopValue(BytesRef value) {
            throw new UnsupportedOperationException("search after a hit is not used with this sort");
        }

        @Override
        public BytesRef value(int slot) {
            if (!resolved[slot]) {
                try {
                    values[slot] = ords[slot] == MISSING ? null : BytesRef.deepCopyOf(segments[slot].lookupOrd(ords[slot]));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot read a sort value", e);
                }
                resolved[slot] = true;
            }
            return values[slot];
        }

        @Override
        public LeafFieldComparator getLeafComparator(LeafReaderContext context) {
            return new Leaf(this, context, field);
        }
    }

    /**
     * One segment's side. A score decides nearly every comparison, so the segment's values are
     * opened when a hit of it is copied or compared by the tie-break, and the bottom is placed
     * among its ordinals when a hit ties with it on score.
     */
    private static final class Leaf implements LeafFieldComparator {
        private final Comparator parent;
        private final LeafReaderContext context;
        private final String field;
        private SortedDocValues docValues;
        private int lastDoc = -1;
        private int lastOrd = MISSING;
        private boolean bottomPlaced;
        /** The bottom's ordinal here; when it is not of this segment, the ordinal just below its value. */
        private int bottomOrd;
        private boolean bottomHere;

        Leaf(Comparator parent, LeafReaderContext context, String field) {
            this.parent = parent;
            this.context = context;
            this.field = field;
        }

        private SortedDocValues docValues() throws IOException {
            if (docValues == null) {
                docValues = SortedSetSelector.wrap(DocValues.getSortedSet(context.reader(), field),
                        SortedSetSelector.Type.MIN);
            }
            return docValues;
        }

        private int ord(int doc) throws IOException {
            if (doc != lastDoc) {
                SortedDocValues values = docValues();
                lastOrd = values.advanceExact(doc) ? values.ordValue() : MISSING;
                lastDoc = doc;
            }
            return lastOrd;
        }

        @Override
        public void setBottom(int slot) {
            parent.bottomSlot = slot;
            bottomPlaced = false;
        }

        private void placeBottom() throws IOException {
            int bottomSlot = parent.bottomSlot;
            SortedDocValues values = docValues();
            if (parent.segments[bottomSlot] == values) {
                bottomOrd = parent.ords[bottomSlot];
                bottomHere = true;
            } else {
                BytesRef value = parent.value(bottomSlot);
                int found = value == null ? MISSING : values.lookupTerm(value);
                bottomHere = value == null || found >= 0;
                bottomOrd = bottomHere ? found : -found - 2;
            }
            bottomPlaced = true;
        }

        @Override
        public int compareBottom(int doc) throws IOException {
            if (!bottomPlaced) {
                placeBottom();
            }
            int ord = ord(doc);
            if (bottomHere) {
                return Integer.compare(bottomOrd, ord);
            }
            // The bottom's value lies between this segment's ordinals bottomOrd and bottomOrd + 1.
            return bottomOrd >= ord ? 1 : -1;
        }

        @Override
        public int compareTop(int doc) {
            throw new UnsupportedOperationException("search after a hit is not used with this sort");
        }

        @Override
        public void copy(int slot, int doc) throws IOException {
            parent.ords[slot] = ord(doc);
            parent.segments[slot] = docValues();
            parent.values[slot] = null;
            parent.resolved[slot] = false;
            if (slot == parent.bottomSlot) {
                bottomPlaced = false;
            }
        }

        @Override
        public void setScorer(Scorable scorer) {
        }
    }
}
