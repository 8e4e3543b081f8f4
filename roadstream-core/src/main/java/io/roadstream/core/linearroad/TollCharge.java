package io.roadstream.core.linearroad;

/**
 * A toll charged to a car's account at {@code time}: the toll it was notified of on entering its previous segment,
 * charged now that it has entered the next one. Sent from the expressway-direction processing to the per-vehicle
 * account; never printed.
 */
public record TollCharge(int vid, int time, int toll) {}
