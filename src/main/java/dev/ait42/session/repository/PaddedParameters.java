package dev.ait42.session.repository;

import jakarta.persistence.Query;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A statement that looks rows up by a list of values, with one single-valued parameter per value
 * instead of one list parameter. Hibernate renders a list parameter's SQL again on every call (its
 * size may change), but keeps one translation per statement of single parameters. The values are
 * padded to a bucket size (a power of two, at least {@value #SMALLEST}; the last value repeated,
 * which an {@code in} ignores), so a lookup of any size uses one of a few statements, each rendered
 * once per process.
 */
public final class PaddedParameters {

    static final int SMALLEST = 4;

    private final IntFunction<String> statement;
    private final Map<Integer, String> byBucket = new ConcurrentHashMap<>();

    /**
     * @param statement the statement for a bucket size, written with {@link #names} (or the same
     *                  names by hand) for each list of parameters
     */
    public PaddedParameters(IntFunction<String> statement) {
        this.statement = statement;
    }

    /** The statement for {@code values} values: the one of their bucket. */
    public String statement(int values) {
        return byBucket.computeIfAbsent(bucket(values), statement::apply);
    }

    /** The number of parameters a list of {@code values} values is padded to. */
    public static int bucket(int values) {
        if (values < 1) {
            throw new IllegalArgumentException("a lookup needs at least one value, got " + values);
        }
        return Math.max(SMALLEST, Integer.highestOneBit(values - 1) << 1);
    }

    /** {@code :p0, :p1, ...}: the names of {@code count} parameters starting with {@code prefix}. */
    public static String names(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> ":" + prefix + i).collect(Collectors.joining(", "));
    }

    /** {@code (:a0, :b0), (:a1, :b1), ...}: {@code count} pairs of parameters, for a lookup by two-column keys. */
    public static String pairs(String first, String second, int count) {
        return IntStream.range(0, count).mapToObj(i -> "(:" + first + i + ", :" + second + i + ")")
                .collect(Collectors.joining(", "));
    }

    /** Binds {@code values} to the parameters {@code prefix0...}, padded to their bucket with the last value. */
    public static void bind(Query query, String prefix, List<?> values) {
        int size = bucket(values.size());
        for (int i = 0; i < size; i++) {
            query.setParameter(prefix + i, values.get(Math.min(i, values.size() - 1)));
        }
    }
}
