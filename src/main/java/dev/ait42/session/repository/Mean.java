package dev.ait42.session.repository;

/**
 * A mean from an SQL sum and count, divided in Java. SQL's {@code avg} of integers is a double
 * on SQLite and an exact numeric on PostgreSQL, rounded to a double afterwards: the last digits
 * differ ({@code 4.633333333333334} and {@code ...333}). A long sum divided here is the same
 * double on every database.
 */
final class Mean {

    private Mean() {
    }

    /** {@code sum / count}, or null when no row had a value (count 0). */
    static Double of(Object sum, Object count) {
        long n = ((Number) count).longValue();
        return n == 0 ? null : ((Number) sum).longValue() / (double) n;
    }
}
