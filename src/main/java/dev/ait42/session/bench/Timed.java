package dev.ait42.session.bench;

/** One benchmarked operation; {@code run} is the iteration number, so targets are deterministic. */
@FunctionalInterface
interface Timed {
    void run(int run) throws Exception;
}
