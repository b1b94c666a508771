/**
 * A full garbage collection and `process.memoryUsage()` of a child Relais, through the inspector
 * that SIGUSR1 opens (on the port `--inspect-port` gave it in NODE_OPTIONS): Relais exposes no
 * metrics of its own. `ws` is the client socket.io-client and graphql-ws already bring.
 */
import WebSocket from 'ws';

/** Opens the inspector of `pid` (a child of the bench) and gives its debugger URL. */
export async function openInspector(pid, port, timeoutMs = 5_000) {
  process.kill(pid, 'SIGUSR1');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/json/list`);
      const [target] = await response.json();
      if (target?.webSocketDebuggerUrl) return target.webSocketDebuggerUrl;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no inspector on 127.0.0.1:${port}`);
}

/** Collects garbage (a full GC), then reads process.memoryUsage() in the process, in bytes. */
export function memoryAfterGc(debuggerUrl, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(debuggerUrl);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('the inspector did not answer'));
    }, timeoutMs);
    const finish = (error, value) => {
      clearTimeout(timer);
      socket.close();
      if (error) reject(error);
      else resolve(value);
    };
    socket.on('error', (error) => finish(error));
    socket.on('open', () => {
      socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    });
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString('utf8'));
      if (message.error) return finish(new Error(message.error.message));
      if (message.id === 1) {
        socket.send(
          JSON.stringify({
            id: 2,
            method: 'Runtime.evaluate',
            params: { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true },
          }),
        );
      } else if (message.id === 2) {
        finish(null, JSON.parse(message.result.result.value));
      }
    });
  });
}
