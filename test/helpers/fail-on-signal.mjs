// Test aid, preloaded into a server process with NODE_OPTIONS=--import=<this file>: SIGUSR2 throws an
// error nobody catches, SIGHUP rejects a promise nobody handles (see test/integration/start-modes.test.ts).
process.on('SIGUSR2', () => {
  setImmediate(() => {
    throw new Error('test: an error nobody caught');
  });
});
process.on('SIGHUP', () => {
  void Promise.reject(new Error('test: a rejection nobody handled'));
});
