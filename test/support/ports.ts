import net from 'node:net';

/** Ports this process already handed out: the OS may offer a just-closed port again, and two servers must not get one. */
const handedOut = new Set<number>();

/**
 * A TCP port on 127.0.0.1 that was free a moment ago (the OS picked it for a listener we closed again), never
 * one this process handed out before. Another process may still take it first: callers that cannot bind port 0
 * themselves (nginx) must notice a lost race and ask again.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await osPickedPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function osPickedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
