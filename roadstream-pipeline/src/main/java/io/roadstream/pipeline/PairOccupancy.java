package io.roadstream.pipeline;

/**
 * One station's occupancy and flow over one interval, addressed to a station pair it belongs to.
 *
 * @param upstream  whether the station is the pair's upstream one
 * @param occupancy 0..1, null when the station did not measure it
 * @param flowShare the station's flow over its road's capacity (all lanes); null when the station does not count
 */
public record PairOccupancy(String pairKey, boolean upstream, long intervalStart, long intervalEnd,
    Double occupancy, Double flowShare) {}
