/** A replica's read-only admin HTTP API ({@code /status}, {@code /blocks/{h}}, {@code /metrics}) and its metrics. */
package io.bftvote.replica.admin;
