/**
 * Ed25519 batch verification behind {@link io.bftvote.topics.Ed25519#verifyAll}: field and point
 * arithmetic on BouncyCastle's public {@code X25519Field}, scalars mod L, a Straus multi-scalar
 * multiplication, and the cofactored random-linear-combination equation. Only
 * {@link io.bftvote.topics.ed25519.BatchVerifier} is public; its javadoc argues why the verdicts
 * are BouncyCastle's own.
 */
package io.bftvote.topics.ed25519;
