package io.bftvote.bench;

/** CPU of one group of threads of a process over the measured window, in percent of one core. */
record ThreadUsage(String group, double cpuPercent) {}
