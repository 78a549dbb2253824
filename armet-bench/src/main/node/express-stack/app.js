'use strict';
// The Express stack that Armet's load harness measures against (issue 18, goal 3): what an
// Express 5 user puts in front of a signed-in page, with each package's defaults.
//
//   helmet()                     the security headers (CSP included)
//   rate-limiter-flexible        one limit per client address that admits (memory or Redis)
//   express-session              a signed session cookie, the session in MemoryStore or
//                                connect-redis (which, by default, touches the key per request)
//   csrf-csrf                    double-submit CSRF; a GET passes without a check, as in Armet
//
// Routes, as the Java full-stack targets serve them (FullStack.java):
//   GET /_bench/login            signs bench-user in (a new session) and sets the CSRF cookie
//   GET /                        "Hello, bench-user!" from the session, else "Hello, anonymous!"
//   GET /_bench/limiter          how many points the caller's address has consumed: the harness's
//                                pre-check reads it before and after a request to see that the
//                                limiter decided (it is not itself limited or counted)
//
// Environment (set by dev.armet.bench.ExpressStack):
//   ARMET_BENCH_STORE            "memory" or "redis"
//   ARMET_BENCH_REDIS            redis://127.0.0.1:6379/0 (Redis only)
//   ARMET_BENCH_PREFIX           key prefix of the run (Redis only)
//   ARMET_BENCH_PORT_FILE        where the port chosen on 127.0.0.1 is written once listening
//   ARMET_BENCH_WORKERS          1 (one process, the default) or N: node:cluster with N workers
const cluster = require('node:cluster');
const crypto = require('node:crypto');
const fs = require('node:fs');

const STORE = process.env.ARMET_BENCH_STORE || 'memory';
const WORKERS = Number(process.env.ARMET_BENCH_WORKERS || '1');
const PORT_FILE = process.env.ARMET_BENCH_PORT_FILE;
const USER = 'bench-user';
// Admits everything the harness can send: the limiter decides, it never refuses.
const POINTS = 1_000_000_000;
const DURATION_SECONDS = 3600;

if (STORE !== 'memory' && STORE !== 'redis') {
  throw new Error(`ARMET_BENCH_STORE must be memory or redis, was ${STORE}`);
}
if (WORKERS > 1 && STORE === 'memory') {
  // Each worker would hold its own sessions and counters: not the same application.
  throw new Error('ARMET_BENCH_WORKERS > 1 needs ARMET_BENCH_STORE=redis');
}

if (WORKERS > 1 && cluster.isPrimary) {
  primary();
} else {
  worker().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

/** Forks the workers; they share one listening socket, and the first to listen names the port. */
function primary() {
  // Secrets and the key prefix are shared by the workers (a cookie signed by one verifies in
  // another, and they see the same sessions and counters); random per run.
  process.env.ARMET_BENCH_SESSION_SECRET = crypto.randomBytes(32).toString('hex');
  process.env.ARMET_BENCH_CSRF_SECRET = crypto.randomBytes(32).toString('hex');
  process.env.ARMET_BENCH_PREFIX ||= `armet-bench-express-${crypto.randomUUID()}:`;
  let listening = 0;
  for (let i = 0; i < WORKERS; i++) {
    cluster.fork();
  }
  cluster.on('listening', (_worker, address) => {
    listening++;
    if (listening === WORKERS) {
      writePort(address.port);
    }
  });
  cluster.on('exit', (_worker, code) => {
    console.error(`a worker exited with ${code}; stopping`);
    process.exit(1);
  });
}

async function worker() {
  const express = require('express');
  const helmet = require('helmet');
  const session = require('express-session');
  const cookieParser = require('cookie-parser');
  const { doubleCsrf } = require('csrf-csrf');
  const { RateLimiterMemory, RateLimiterRedis } = require('rate-limiter-flexible');

  const sessionSecret =
    process.env.ARMET_BENCH_SESSION_SECRET || crypto.randomBytes(32).toString('hex');
  const csrfSecret = process.env.ARMET_BENCH_CSRF_SECRET || crypto.randomBytes(32).toString('hex');

  let sessionStore;
  let limiter;
  if (STORE === 'redis') {
    const { createClient } = require('redis');
    const { RedisStore } = require('connect-redis');
    const prefix = process.env.ARMET_BENCH_PREFIX || `armet-bench-express-${crypto.randomUUID()}:`;
    let connected = false;
    const client = createClient({
      url: process.env.ARMET_BENCH_REDIS || 'redis://127.0.0.1:6379/0',
      // No Redis at start: exit at once (the harness shows why); later, reconnect as usual.
      socket: { reconnectStrategy: (retries, cause) => (connected ? Math.min(retries * 50, 1000) : cause) },
    });
    client.on('error', (err) => console.error('redis:', err.message));
    await client.connect();
    connected = true;
    sessionStore = new RedisStore({ client, prefix: `${prefix}sess:` });
    limiter = new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      keyPrefix: `${prefix}rl`,
      points: POINTS,
      duration: DURATION_SECONDS,
    });
  } else {
    sessionStore = new session.MemoryStore();
    limiter = new RateLimiterMemory({ points: POINTS, duration: DURATION_SECONDS });
  }

  const { doubleCsrfProtection } = doubleCsrf({
    getSecret: () => csrfSecret,
    getSessionIdentifier: (req) => req.sessionID || '',
    // Plain HTTP on loopback, like the Java targets: no Secure, so no __Host- prefix either.
    cookieName: 'x-csrf-token',
    cookieOptions: { secure: false, sameSite: 'lax' },
  });

  const app = express();
  app.disable('x-powered-by');

  app.get('/_bench/limiter', async (req, res) => {
    const state = await limiter.get(req.ip);
    res.type('text/plain').send(`${state ? state.consumedPoints : 0}\n`);
  });

  app.use(helmet());
  app.use(async (req, res, next) => {
    try {
      await limiter.consume(req.ip);
      next();
    } catch (rejection) {
      if (rejection instanceof Error) {
        // The store failed: fail closed, as Armet's default does.
        res.status(503).type('text/plain').send('Service Unavailable\n');
      } else {
        res.status(429).type('text/plain').send('Too Many Requests\n');
      }
    }
  });
  app.use(
    session({
      secret: sessionSecret,
      store: sessionStore,
      name: 'sid',
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: false, maxAge: 30 * 60 * 1000 },
    }),
  );
  app.use(cookieParser());
  app.use(doubleCsrfProtection);

  app.get('/_bench/login', (req, res, next) => {
    req.session.regenerate((err) => {
      if (err) {
        next(err);
        return;
      }
      req.session.user = USER;
      req.csrfToken();
      res.type('text/plain').send('signed in\n');
    });
  });

  app.get('/', (req, res) => {
    const user = req.session.user === USER ? USER : 'anonymous';
    res.type('text/plain').send(`Hello, ${user}!\n`);
  });

  const server = app.listen(0, '127.0.0.1', () => {
    if (WORKERS <= 1) {
      writePort(server.address().port);
    }
  });
  server.keepAliveTimeout = 60_000;
}

function writePort(port) {
  if (PORT_FILE) {
    // Written whole, then renamed: the harness never reads half a number.
    fs.writeFileSync(`${PORT_FILE}.tmp`, `${port}\n`);
    fs.renameSync(`${PORT_FILE}.tmp`, PORT_FILE);
  }
  console.log(`listening on 127.0.0.1:${port}`);
}
