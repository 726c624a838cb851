// Small DOM helpers. Text always goes in as text nodes, never as HTML: much of what the page
// shows (a detection's evidence) comes from the broker, where anyone could have written it.

/** el('li', {class: 'x', 'data-testid': 'y'}, 'text', childNode) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child !== undefined && child !== null) node.append(child);
  }
  return node;
}

/** The first characters of a long hex string, for tables; the whole one goes in a title. */
export function short(hex, length = 10) {
  return typeof hex === 'string' && hex.length > length ? hex.slice(0, length) + '…' : (hex ?? '—');
}

/**
 * Coalesces bursts: the first call runs fn `ms` later, calls meanwhile join it, and a call made
 * while fn runs schedules one more run after it. So fn never runs twice at once, and a burst of
 * events costs one request, not one each.
 */
export function coalesced(fn, ms) {
  let timer = null;
  let running = false;
  let wanted = false;
  const run = async () => {
    timer = null;
    running = true;
    try {
      await fn();
    } finally {
      running = false;
      if (wanted) {
        wanted = false;
        schedule();
      }
    }
  };
  const schedule = () => {
    if (running) wanted = true;
    else if (!timer) timer = setTimeout(run, ms);
  };
  return schedule;
}

/**
 * Retries after a failure, waiting 1 s, then 2, 4, 8, up to 15 s between tries, until told of
 * a success. Failures while a retry is already waiting share it, so a tally or gateway that is
 * down is asked once per pause, never hammered. `failed()` returns the wait in ms.
 */
export function backoff(retry, firstMs = 1_000, maxMs = 15_000) {
  let timer = null;
  let wait = firstMs;
  let next = firstMs;
  return {
    failed() {
      if (timer === null) {
        wait = next;
        next = Math.min(next * 2, maxMs);
        timer = setTimeout(() => {
          timer = null;
          retry();
        }, wait);
      }
      return wait;
    },
    succeeded() {
      clearTimeout(timer);
      timer = null;
      next = firstMs;
    },
  };
}
