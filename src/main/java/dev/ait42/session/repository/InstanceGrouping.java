package dev.ait42.session.repository;

import java.util.Locale;

/** What {@link SessionRepository#statisticsBy} groups instances by: one of their recorded facts. */
public enum InstanceGrouping {
    /** The instance's runtime ({@code claude}, {@code codex}, ...). */
    RUNTIME,
    /** The instance's own model; the session's model is not substituted when the instance has none. */
    MODEL,
    /** The instance's agent name ({@code frontend-developer}, ...). */
    AGENT;

    /** The lowercase name the command line takes ({@code runtime}, {@code model}, {@code agent}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
