// createRealtime attaches Socket.IO to the same http.Server as the REST app.
import type {Server as HttpServer} from 'node:http';
import {Server} from 'socket.io';
import type {Config} from './config.js';
import type {Logger} from './logger.js';

export interface RealtimeDeps {
  config: Config;
  logger: Logger;
}

/** Largest socket frame we accept: a 4,000-character message plus envelope fits comfortably. */
export const MAX_SOCKET_PAYLOAD = 32 * 1024;

export function createRealtime(server: HttpServer, deps: RealtimeDeps): Server {
  const io = new Server(server, {
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
    perMessageDeflate: false,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  io.engine.on('connection_error', (err: {code: number; message: string}) => deps.logger.debug({code: err.code, message: err.message}, 'engine connection refused'));
  return io;
}
