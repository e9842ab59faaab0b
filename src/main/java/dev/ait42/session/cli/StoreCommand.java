package dev.ait42.session.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** A command that works on a session database ({@code --db}). */
abstract class StoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    StoreOptions store;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A command whose report can also be one JSON document on standard output. */
    abstract static class WithJson extends StoreCommand {
        @Option(names = "--json", description = "One JSON document on standard output.")
        boolean json;
    }
}
