package io.bftvote.gateway;

import java.util.Objects;

/** The result of a check: a value, or the {@link Rejection} saying why there is none. */
record Checked<T>(T value, Rejection rejection) {

  Checked {
    if ((value == null) == (rejection == null)) {
      throw new IllegalArgumentException("exactly one of value and rejection");
    }
  }

  static <T> Checked<T> ok(T value) {
    return new Checked<>(Objects.requireNonNull(value), null);
  }

  static <T> Checked<T> rejected(String code, String message) {
    return new Checked<>(null, new Rejection(code, message));
  }

  static <T> Checked<T> rejected(Rejection rejection) {
    return new Checked<>(null, rejection);
  }

  boolean isOk() {
    return rejection == null;
  }
}
