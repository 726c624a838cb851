// The gateway's HTTP API and its live event stream, as the page uses them.

/** An answer that is not what the caller hoped for; `message` is the gateway's own sentence. */
export class ApiError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

/** GET a JSON document; throws ApiError on an error status or an unreachable gateway. */
export async function getJson(path) {
  return send(path, { headers: { Accept: 'application/json' } });
}

/** POST a JSON body; resolves to {status, body} for 200 and 202. */
export async function postJson(path, value) {
  return send(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(value),
  });
}

async function send(path, options) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    throw new ApiError(0, 'the gateway cannot be reached; is it running?');
  }
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // not JSON: the status says enough
  }
  if (!response.ok) {
    const message = body && typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
    throw new ApiError(response.status, message, response.headers.get('Retry-After'));
  }
  return { status: response.status, body };
}

/**
 * Opens /api/events and calls handlers[eventName](data) for each event. onState hears 'live',
 * 'reconnecting' or 'down'. The browser reconnects a dropped stream by itself; a stream the
 * gateway refused (too many clients, shutting down) is tried again after a pause, not at once.
 */
export function openEvents(handlers, onState) {
  const RETRY_REFUSED_MS = 10_000;
  let source;
  const open = () => {
    source = new EventSource('/api/events');
    source.addEventListener('open', () => onState('live'));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        onState('down');
        setTimeout(open, RETRY_REFUSED_MS);
      } else {
        onState('reconnecting');
      }
    });
    for (const [name, handle] of Object.entries(handlers)) {
      source.addEventListener(name, (event) => {
        let data;
        try {
          data = JSON.parse(event.data);
        } catch (e) {
          return; // the gateway writes JSON; anything else is not worth breaking the page over
        }
        handle(data);
      });
    }
  };
  open();
  return () => source.close();
}
