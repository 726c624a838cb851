package io.bftvote.bench;

/**
 * What killing the primary cost ({@code --crash-primary-at}), with the run's {@link CommitGap}
 * (the longest time without a final vote) and its latency beside it in {@link RunReport}.
 *
 * @param killedReplica the replica that was primary when it was killed; null when nothing was killed
 * @param viewBefore the view it led
 * @param killedAtSeconds when it was killed (SIGKILL), in seconds into the measured window
 * @param firstFinalMillis from the kill to the first vote final after it: may be work agreed before the kill
 * @param firstFinalSentAfterMillis from the kill to the first final of a vote sent after it: that vote
 *     needed a new primary, so this is the time until the cluster took new work again
 * @param viewAfter the view the live replicas were in when the run ended; null when none answered
 * @param primaryAfter the primary of that view
 * @param restartedAtSeconds when the killed replica was started again; null without {@code --restart-after}
 * @param caughtUpMillis from its restart until its height reached the others'; null if it did not in time
 * @param caughtUpAtSeconds when, in seconds into the window: past the window's length means after the load ended
 * @param caughtUpHeight its height then
 * @param problem why the crash did not happen as asked; null when it did
 */
record ViewChangeReport(Integer killedReplica, Long viewBefore, Double killedAtSeconds, Double firstFinalMillis,
                        Double firstFinalSentAfterMillis, Long viewAfter, Integer primaryAfter,
                        Double restartedAtSeconds, Double caughtUpMillis, Double caughtUpAtSeconds,
                        Long caughtUpHeight, String problem) {
  static ViewChangeReport failed(String problem) {
    return new ViewChangeReport(null, null, null, null, null, null, null, null, null, null, null, problem);
  }
}
