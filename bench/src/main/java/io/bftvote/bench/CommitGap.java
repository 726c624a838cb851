package io.bftvote.bench;

/**
 * The longest stretch of a run's measured window in which no vote became final, as the load
 * generator saw finals arrive: a view change, a stalled primary or a pause shows up here first.
 *
 * @param longestMillis the stretch's length; the whole window when nothing became final in it
 * @param startsAtSeconds where the stretch began, in seconds into the measured window
 * @param finalsInWindow how many finals the window saw (the gaps are between these)
 */
record CommitGap(double longestMillis, double startsAtSeconds, long finalsInWindow) {}
