package io.bftvote.bench;

/**
 * One reading of a watched process during the measured window.
 *
 * @param atSeconds seconds into the measured window
 * @param cpuPercent CPU since the previous reading, in percent of one core; null for the first reading
 * @param rssMib resident set at this reading
 */
record UsageSample(double atSeconds, Double cpuPercent, double rssMib) {}
