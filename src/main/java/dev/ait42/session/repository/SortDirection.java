package dev.ait42.session.repository;

/** Order of a listing. */
public enum SortDirection {
    ASC, DESC
}
