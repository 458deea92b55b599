/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Splits a text stream into server-sent events (the parts of the format the service
 * writes: `event:`, `data:`, comments). Fed chunk by chunk; keeps what is incomplete.
 * EventSource cannot send an Authorization header, so the page reads the stream with fetch.
 */
export class SseParser {
  #buffer = '';

  push(chunk: string): SseEvent[] {
    this.#buffer += chunk.replaceAll('\r\n', '\n');
    const out: SseEvent[] = [];
    for (let end = this.#buffer.indexOf('\n\n'); end >= 0; end = this.#buffer.indexOf('\n\n')) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) out.push({ event, data: data.join('\n') });
    }
    return out;
  }
}
