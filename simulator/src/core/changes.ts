// A signal that something the dashboard shows may have changed (a request was served, a task ended on the
// timer). Listeners only get a nudge, never data: they read the current state themselves, later.
export class ChangeFeed {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
