import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { destination as pinoDestination, type DestinationStream, type LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';

/** Headers and fields that carry credentials: never written to a log. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.headers["sec-websocket-protocol"]',
  'res.headers["set-cookie"]',
  '*.token',
  '*.adminToken',
  '*.authToken',
  '*.password',
];

/** An incoming x-request-id is honoured when it looks like an id (1-128 of A-Z a-z 0-9 . _ : -). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** Where the Apollo plugin leaves the operation it resolved, on the HTTP request. */
const OPERATION = Symbol('graphqlOperation');
interface GraphQLOperation {
  operationName: string | null;
  operationType: string | null;
}
type WithOperation = IncomingMessage & { [OPERATION]?: GraphQLOperation; body?: unknown };

/** Apollo plugin: records the operation's name and type on the request for the request's log line. */
export function operationLogPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName, operation }) {
          const req = (contextValue as { req?: WithOperation }).req;
          if (req) req[OPERATION] = { operationName: operationName ?? null, operationType: operation?.operation ?? null };
        },
      };
    },
  };
}

/** The GraphQL operation of a request: as Apollo resolved it, else as the body names it (a refused request). */
function graphqlProps(req: WithOperation): Record<string, unknown> {
  const resolved = req[OPERATION];
  if (resolved) return { graphql: resolved };
  const body = req.body as { operationName?: unknown; query?: unknown } | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.query !== 'string') return {};
  const named = typeof body.operationName === 'string' ? body.operationName : /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(body.query)?.[1];
  return { graphql: { operationName: named ?? null, operationType: null } };
}

/**
 * Structured JSON logs (nestjs-pino over pino-http): one line per HTTP request with its id (an
 * incoming x-request-id is kept and echoed), method, URL, status, the GraphQL operation's name and
 * type, and `responseTime` in milliseconds; credentials are redacted. Nest's own log lines go
 * through the same logger once main.ts calls app.useLogger.
 */
export function loggingModule(options: { level: LevelWithSilent; destination?: DestinationStream }): DynamicModule {
  const pinoHttp: Options<WithOperation> = {
    level: options.level,
    genReqId: (req, res) => requestId(req, res),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Called when the request starts and again when it completes: only the completion line gets them.
    customProps: (req, res) => (res.headersSent ? graphqlProps(req) : {}),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    // Probes would drown everything else.
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
  };
  // stdout without a write(2) per line on the request path: sonic-boom gathers lines up to 4 KiB (or
  // for at most 250 ms) into one asynchronous write, and pino flushes what is left when the process
  // exits. (A SIGKILL can lose the last quarter second of the log; never an event.)
  return LoggerModule.forRoot({
    pinoHttp: [pinoHttp, options.destination ?? pinoDestination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 250 })],
  });
}
