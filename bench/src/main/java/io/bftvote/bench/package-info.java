/**
 * Measures bftvote the way a user would meet it: {@code ./bftvote bench} offers signed votes at a
 * constant rate (open loop, so a slow system cannot slow the load down and hide its own latency),
 * learns each vote's outcome from f+1 matching signed replies, and reports committed votes/s,
 * latency percentiles and what every process spent. Also here: the search for the highest
 * sustainable rate, the plot of throughput and p99 against offered load, a JFR summary, and the
 * JMH micro-benchmarks of the hot paths ({@code io.bftvote.bench.jmh}).
 */
package io.bftvote.bench;
