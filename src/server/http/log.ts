import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogEntry = { level: LogLevel; msg: string } & Record<string, unknown>;
/** One JSON object per line (structured logs); never given tokens, codes or passwords. */
export type Logger = (entry: LogEntry) => void;

export function jsonLogger(write: (line: string) => void = (line) => void process.stdout.write(line)): Logger {
  return (entry) => write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

export const silentLogger: Logger = () => undefined;

/** Collects entries in memory (tests read them). */
export function memoryLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const logger = ((entry: LogEntry) => void entries.push(entry)) as Logger & { entries: LogEntry[] };
  logger.entries = entries;
  return logger;
}

/**
 * One line per request: method, path (without the query string: a client could still put a
 * secret there, although the server takes tokens from the Authorization header only), status,
 * duration and who asked. Bodies and headers are never logged.
 */
export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const device = c.get('device');
    const status = c.res.status;
    log({
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      msg: 'request',
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(device ? { device: device.id, role: device.role, kecamatan: device.kecamatan } : {}),
      ...(c.get('summary') ? { summary: c.get('summary') } : {}),
    });
  };
}
