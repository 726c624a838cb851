package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class MaxRateSearchTest {
  /** Runs the search against a system that sustains exactly the rates the predicate accepts. */
  private static List<Double> search(MaxRateSearch search, DoublePredicate sustains) {
    List<Double> tried = new ArrayList<>();
    for (OptionalDouble rate = search.next(); rate.isPresent(); rate = search.next()) {
      tried.add(rate.getAsDouble());
      search.record(rate.getAsDouble(), sustains.test(rate.getAsDouble()));
    }
    return tried;
  }

  @Test
  void doublesUntilAMissThenBisectsToWithinFivePercent() {
    MaxRateSearch search = new MaxRateSearch(500, 100, 20);
    List<Double> tried = search(search, rate -> rate <= 3300);
    assertEquals(List.of(500.0, 1000.0, 2000.0, 4000.0, 3000.0, 3500.0, 3300.0, 3400.0), tried);
    assertEquals(3300, search.best().getAsDouble());
  }

  @Test
  void halvesWhenEvenTheStartRateMisses() {
    MaxRateSearch search = new MaxRateSearch(2000, 100, 20);
    List<Double> tried = search(search, rate -> rate <= 600);
    assertEquals(List.of(2000.0, 1000.0, 500.0), tried.subList(0, 3));
    assertTrue(search.best().getAsDouble() >= 500 && search.best().getAsDouble() <= 600);
  }

  @Test
  void stopsAfterItsStepBudget() {
    MaxRateSearch search = new MaxRateSearch(100, 100, 3);
    assertEquals(3, search(search, rate -> true).size());
    assertEquals(400, search.best().getAsDouble());
  }

  @Test
  void findsNothingWhenNoRateIsSustained() {
    MaxRateSearch search = new MaxRateSearch(400, 100, 20);
    search(search, rate -> false);
    assertTrue(search.best().isEmpty());
  }
}
