package io.bftvote.replica.core;

/**
 * Why the core refused an input: the labels of {@link Action.Rejected}, short and stable so the
 * adapter can use them as metric tags.
 */
public final class Reason {
  /** The message names a recipient, and it is another replica. */
  public static final String ADDRESSED_ELSEWHERE = "addressed-elsewhere";
  /** The sender id is not a replica of the cluster. */
  public static final String UNKNOWN_SENDER = "unknown-sender";
  /** A pre-prepare from a replica that is not the primary of the message's view. */
  public static final String NOT_PRIMARY = "not-primary";
  /** The message is for a view other than the replica's current one. */
  public static final String WRONG_VIEW = "wrong-view";
  /** The sequence number is above the high watermark. */
  public static final String OUTSIDE_WATERMARKS = "outside-watermarks";
  /** The message carries no digest. */
  public static final String MISSING_DIGEST = "missing-digest";
  /** A pre-prepare without a batch, or with a hole in it. */
  public static final String MISSING_BATCH = "missing-batch";
  /** A pre-prepare with more ballots than maxBatch. */
  public static final String BATCH_TOO_LARGE = "batch-too-large";
  /** A pre-prepare whose digest is not the digest of its batch. */
  public static final String DIGEST_MISMATCH = "digest-mismatch";
  /** A pre-prepare that holds the same request twice. */
  public static final String DUPLICATE_REQUEST = "duplicate-request";
  /** A second, different pre-prepare for a (view, sequence) this replica is already bound to. */
  public static final String CONFLICTING_PRE_PREPARE = "conflicting-pre-prepare";
  /** A prepare from the primary, whose pre-prepare already stands for its vote. */
  public static final String PREPARE_FROM_PRIMARY = "prepare-from-primary";
  /** A replica's second prepare or commit for a sequence, with another digest: only the first counts. */
  public static final String CONFLICTING_VOTE = "conflicting-vote";
  /** A message without a phase this core knows. */
  public static final String UNSUPPORTED_PHASE = "unsupported-phase";
  /** A checkpoint for a sequence that is not a multiple of the checkpoint interval. */
  public static final String NOT_A_CHECKPOINT_SEQUENCE = "not-a-checkpoint-sequence";
  /** A view-change or new-view whose payload does not parse, or does not match its digest. */
  public static final String MALFORMED_PAYLOAD = "malformed-payload";
  /** A stable checkpoint claimed without 2f+1 matching signed checkpoints. */
  public static final String UNPROVEN_CHECKPOINT = "unproven-checkpoint";
  /** A view-change whose P set holds something that does not prove a request prepared. */
  public static final String INVALID_PREPARED_CERTIFICATE = "invalid-prepared-certificate";
  /** A new-view quoting a view-change that is not valid for its view. */
  public static final String INVALID_VIEW_CHANGE = "invalid-view-change";
  /** A new-view with fewer than 2f+1 view-changes. */
  public static final String TOO_FEW_VIEW_CHANGES = "too-few-view-changes";
  /** A new-view whose pre-prepares are not exactly those its view-changes imply. */
  public static final String WRONG_REPROPOSALS = "wrong-reproposals";
  /** A message in the write-ahead log that this replica did not sign. */
  public static final String RESTORED_NOT_OWN = "restored-not-own";
  /** A record of an accepted pre-prepare in the write-ahead log that is not a pre-prepare. */
  public static final String RESTORED_NOT_PRE_PREPARE = "restored-not-pre-prepare";
  /** A client request refused because the queue is full ({@code Rejected.message()} is null). */
  public static final String REQUEST_QUEUE_FULL = "request-queue-full";

  private Reason() {}
}
