package io.roadstream.core.linearroad;

/** Type 3: a car asks what it spent on expressway {@code xway} on day {@code day} (1 = yesterday .. 69). */
public record DailyExpenditureQuery(int time, int vid, int xway, int qid, int day) implements LinearRoadInput {}
