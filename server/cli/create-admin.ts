// Creates an admin account on the configured store, to bootstrap a fresh installation.
//   npm run admin:create -- <username> "<display name>"
// The password is read from ADMIN_PASSWORD, or else from the first line of standard input, so it
// never appears in the shell history or the process list.
import path from 'node:path';
import readline from 'node:readline';
import { Keyring } from '../auth/keyring.ts';
import { newKeyFile } from '../auth/secrets.ts';
import { TokenService } from '../auth/tokens.ts';
import { loadConfig } from '../config.ts';
import { CreateAccountRequestSchema, fieldIssuesOf } from '../protocol/index.ts';
import { AccountService } from '../services/account-service.ts';
import { systemClock } from '../services/clock.ts';
import { Directory } from '../services/directory.ts';
import { openStore } from '../store/open-store.ts';

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password for the new admin: ');
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function main(): Promise<number> {
  const [username, displayName = '系统管理员'] = process.argv.slice(2);
  const request = CreateAccountRequestSchema.safeParse({ username, displayName, role: 'admin', password: await readPassword() });
  if (!request.success) {
    for (const issue of fieldIssuesOf(request.error)) process.stderr.write(`${issue.path}: ${issue.message}\n`);
    process.stderr.write('usage: npm run admin:create -- <username> "<display name>"  (password from ADMIN_PASSWORD or stdin)\n');
    return 2;
  }
  const config = loadConfig();
  const store = await openStore({ redisUrl: config.redisUrl, dataDir: path.resolve(config.dataDir) });
  try {
    // Creating an account signs no token, so this needs no key file: a throwaway key stands in.
    const tokens = new TokenService(Keyring.fromFile(newKeyFile()), config.tokens);
    const accounts = new AccountService(store.kv, tokens, new Directory(store.kv), systemClock);
    const account = await accounts.create(request.data);
    process.stdout.write(`admin account "${account.username}" created (${account.accountId})\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

main().then((code) => process.exit(code));
