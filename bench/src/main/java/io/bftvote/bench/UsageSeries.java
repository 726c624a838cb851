package io.bftvote.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The readings of one process over a measured window, bounded: when it is full it drops every
 * other reading (the first and the newest always stay) and from then on keeps one in two, so a
 * run of any length keeps an even series of at most {@code capacity} readings. Raw readings are
 * kept, not rates, so the CPU between two kept readings stays exact however many were dropped.
 */
final class UsageSeries {
  private final int capacity;
  private final List<ProcessProbe.Sample> kept = new ArrayList<>();
  private int stride = 1;
  private long offered;

  UsageSeries(int capacity) {
    if (capacity < 3) {
      throw new IllegalArgumentException("a usage series needs room for at least 3 readings, got " + capacity);
    }
    this.capacity = capacity;
  }

  void add(ProcessProbe.Sample sample) {
    if (offered++ % stride != 0) {
      return;
    }
    if (kept.size() == capacity) {
      thin();
    }
    kept.add(sample);
  }

  /** Adds the window's last reading whatever the stride: the series must end where the window does. */
  void addLast(ProcessProbe.Sample sample) {
    if (kept.size() == capacity) {
      thin();
    }
    kept.add(sample);
  }

  int size() {
    return kept.size();
  }

  /** The readings as times into the window ({@code originNanos}), CPU since the previous one, and RSS. */
  List<UsageSample> samples(long originNanos, ProcessProbe probe) {
    List<UsageSample> out = new ArrayList<>(kept.size());
    ProcessProbe.Sample previous = null;
    for (ProcessProbe.Sample s : kept) {
      Double cpu = previous == null ? null : probe.cpuPercent(previous, s);
      out.add(new UsageSample((s.atNanos() - originNanos) / 1e9, cpu, s.rssKib() / 1024.0));
      previous = s;
    }
    return out;
  }

  private void thin() {
    List<ProcessProbe.Sample> half = new ArrayList<>(capacity / 2 + 1);
    for (int i = 0; i < kept.size(); i += 2) {
      half.add(kept.get(i));
    }
    kept.clear();
    kept.addAll(half);
    stride *= 2;
  }
}
