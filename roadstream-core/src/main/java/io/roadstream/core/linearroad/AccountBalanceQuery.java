package io.roadstream.core.linearroad;

/** Type 2: a car asks for the sum of the tolls it has been charged so far; {@code qid} identifies the query. */
public record AccountBalanceQuery(int time, int vid, int qid) implements LinearRoadInput {}
