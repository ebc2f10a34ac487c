import { connect } from 'node:net';

/** A raw HTTP/1.1 request with a chunked body of `size` bytes that goes on writing whatever comes back; resolves with the status line's code. */
export function chunkedPost(
  url: string,
  path: string,
  size: number,
  headers: Record<string, string> = {},
  /** Cut the connection after `size` bytes instead of ending the body (a client that went away). */
  cut = false,
): Promise<{ status: number | null; sent: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let sent = 0;
    let answer = '';
    socket.on('data', (d: Buffer) => void (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? NaN) || null, sent }));
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n${extra}\r\n`);
    const chunk = Buffer.concat([Buffer.from('10000\r\n'), Buffer.alloc(0x10000, 0x20), Buffer.from('\r\n')]);
    const pump = () => {
      while (!socket.destroyed && sent < size) {
        sent += 0x10000;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
      if (cut) socket.destroy();
      else if (!socket.destroyed) socket.end('0\r\n\r\n');
    };
    pump();
  });
}
