package io.roadstream.core.linearroad;

/** One answer of a Linear Road system, printable as a row of the validator's expected-output file. */
public sealed interface LinearRoadAnswer permits TollNotification, AccidentAlert, AccountBalance, DailyExpenditure {

  /** The time of the input row this answers, simulation seconds. */
  int time();

  /** The row in the expected-output format, without a line terminator. */
  String toCsv();
}
