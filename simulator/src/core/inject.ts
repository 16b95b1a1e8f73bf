// Applies a fault decision to one HTTP exchange: waits out the latency, then drops the connection or
// answers with the vendor's error. Called by each API's operation wrapper, after auth and before the
// handler, so every API shares this one choke point.
import type { Context } from 'hono';
import type { FaultDecision } from './faults.js';

/** Raised where there is no socket to drop (in-process use): the fetch wrapper turns it into a network error. */
export class ConnectionDropped extends Error {
  override name = 'ConnectionDropped';
  constructor(readonly kind: 'reset' | 'hang' | 'empty') {
    super(`connection ${kind} (injected fault)`);
  }
}

interface NodeSocket {
  destroy(): void;
  end(): void;
  resetAndDestroy?(): void;
  once(event: string, fn: () => void): void;
  /** under TLS: the TCP socket the TLS socket wraps */
  _parent?: NodeSocket | null;
}

interface NodeBindings {
  incoming?: { socket?: NodeSocket };
}

/** Sends a TCP RST. A TLS socket cannot reset itself (its handle is not a TCP handle): its TCP socket can. */
function reset(socket: NodeSocket): void {
  const tcp = socket._parent ?? socket;
  if (tcp.resetAndDestroy) {
    try {
      tcp.resetAndDestroy();
      socket.destroy();
      return;
    } catch {
      // no TCP handle to reset: closing is the nearest thing
    }
  }
  socket.destroy();
}

/** Returns a Response when the fault answers the request, undefined when the request goes on. */
export async function injectFault(c: Context, decision: FaultDecision, renderError: (status: number, message: string) => Response): Promise<Response | undefined> {
  if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
  if (decision.connection) {
    const socket = (c.env as NodeBindings | undefined)?.incoming?.socket;
    if (!socket) throw new ConnectionDropped(decision.connection);
    if (decision.connection === 'reset') reset(socket);
    else if (decision.connection === 'empty') socket.end();
    // 'hang' and the others: never answer; the promise settles when the client gives up.
    await new Promise<void>((resolve) => socket.once('close', resolve));
    return new Response(null, { status: 499 });
  }
  if (decision.error) return renderError(decision.error.status, decision.error.message ?? `injected fault (${decision.rule})`);
  return undefined;
}
