package io.roadstream.core.linearroad;

/** One row of the Linear Road input stream: a position report or a query, stamped in simulation seconds. */
public sealed interface LinearRoadInput permits PositionReport, AccountBalanceQuery, DailyExpenditureQuery {

  /** Simulation time, seconds from the start of the run. */
  int time();

  /** The vehicle that sent the row. */
  int vid();
}
