package io.bftvote.gateway;

/**
 * Why an input was refused: a short stable {@code code} (a metrics tag, so a small fixed set) and a
 * {@code message} for the human who sent it.
 */
record Rejection(String code, String message) {}
