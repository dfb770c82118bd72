package org.gridpatrol.domain.directory;

/** What is wrong with one field of a directory entry, as the API and the roster import report it. */
public record FieldProblem(String field, String rule, String message) {}
