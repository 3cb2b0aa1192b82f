// Starts Debian's Apache with mod_dav/mod_dav_fs as a throwaway WebDAV server on 127.0.0.1 for
// integration tests: its own config, logs, lock database and data in a temp dir, Basic auth,
// `FileETag Digest`; run as a normal user, and stopped and removed afterwards.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
const HTPASSWD = '/usr/bin/htpasswd';
/** The unprivileged account Apache runs as when the tests run as root (as CI does). */
const SERVICE_USER = 'nobody';

export type ApacheWebDav = {
  origin: string;
  /** The WebDAV root, `<origin>/dav/`: an empty folder on disk, served with `Dav On`. */
  davUrl: string;
  username: string;
  password: string;
  /** The folder on disk behind davUrl. */
  dataDir: string;
  readErrorLog(): Promise<string>;
  stop(): Promise<void>;
};

export class ApacheUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ApacheUnavailableError';
  }
}

function assertApacheInstalled(): void {
  const missing = [APACHE, join(MODULES, 'mod_dav_fs.so'), HTPASSWD].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new ApacheUnavailableError(
      `The WebDAV integration tests need Debian's Apache (missing ${missing.join(', ')}). ` +
        'Install it with: apt-get install -y apache2 apache2-utils (.ci/run does this).',
    );
  }
}

async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function renderConfig(dir: string, port: number): string {
  const modules = [
    ['mpm_event_module', 'mod_mpm_event.so'],
    ['authn_core_module', 'mod_authn_core.so'],
    ['authn_file_module', 'mod_authn_file.so'],
    ['authz_core_module', 'mod_authz_core.so'],
    ['authz_user_module', 'mod_authz_user.so'],
    ['auth_basic_module', 'mod_auth_basic.so'],
    ['alias_module', 'mod_alias.so'],
    ['mime_module', 'mod_mime.so'],
    ['dav_module', 'mod_dav.so'],
    ['dav_fs_module', 'mod_dav_fs.so'],
  ];
  return [
    `ServerRoot "${dir}"`,
    'ServerName 127.0.0.1',
    `Listen 127.0.0.1:${port}`,
    `PidFile "${dir}/httpd.pid"`,
    `ErrorLog "${dir}/error.log"`,
    'LogLevel warn',
    // Runtime files (scoreboard, mutexes) in our dir, not /var/run/apache2, which a normal user cannot write.
    `DefaultRuntimeDir "${dir}"`,
    `Mutex file:${dir} default`,
    ...modules.map(([name, file]) => `LoadModule ${name} ${MODULES}/${file}`),
    // One small process: enough threads for concurrent writers, nothing more on a shared 2-core machine.
    'StartServers 1',
    'ServerLimit 1',
    'ThreadsPerChild 16',
    'MaxRequestWorkers 16',
    'MinSpareThreads 1',
    'MaxSpareThreads 16',
    'TypesConfig /dev/null',
    'AddType application/json .json',
    // ETags from the content, as issue #8 asks; the client never relies on them.
    'FileETag Digest',
    `DavLockDB "${dir}/davlock"`,
    `DocumentRoot "${dir}/data"`,
    '<Directory />',
    '  AllowOverride None',
    '  Require all denied',
    '</Directory>',
    `Alias /dav "${dir}/data"`,
    `<Directory "${dir}/data">`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName "Sidenote test"',
    '  AuthBasicProvider file',
    `  AuthUserFile "${dir}/htpasswd"`,
    '  Require valid-user',
    '</Directory>',
    '',
  ].join('\n');
}

async function waitUntilAnswering(origin: string, child: ChildProcess, readLog: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new ApacheUnavailableError(`apache2 exited (${child.exitCode ?? child.signalCode}) before answering:\n${await readLog()}`);
    }
    try {
      await fetch(`${origin}/dav/`, { method: 'OPTIONS', signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      // Not listening yet: Apache binds its port a few milliseconds after starting.
    }
    if (Date.now() > deadline) throw new ApacheUnavailableError(`apache2 did not answer on ${origin} within 15 s:\n${await readLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts Apache and resolves once it answers. Call `stop()` in afterAll.
 *
 * Apache refuses nothing as root, but a test server should not run as root, and mod_dav writes
 * files as whoever runs it. When the tests run as root (CI), the temp dir is given to `nobody`
 * and Apache is started through `setpriv --reuid=nobody --regid=<nobody's group> --clear-groups`,
 * which drops to that user and then execs apache2, so the pid we hold is Apache's own and SIGTERM
 * stops it cleanly. (`runuser -u nobody --` works too, but stays as a parent process opening a PAM
 * session.) Run as a normal user, the tests start apache2 directly as that user. Either way
 * `-DFOREGROUND` keeps it attached, `User`/`Group` are not set (they only apply to root), and the
 * port is above 1024 on 127.0.0.1. The temp dir lives under os.tmpdir(), which `nobody` must be able
 * to reach (/tmp is); if not, Apache's own "Permission denied" is in the error thrown.
 */
export async function startApacheWebDav(credentials: { username?: string; password?: string } = {}): Promise<ApacheWebDav> {
  assertApacheInstalled();
  const username = credentials.username ?? 'alice';
  const password = credentials.password ?? 'app-password';
  const isRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'sidenote-apache-'));
  const dataDir = join(dir, 'data');
  await mkdir(dataDir);
  // bcrypt at the lowest cost: Apache checks the password on every request.
  await run(HTPASSWD, ['-b', '-c', '-B', '-C', '4', join(dir, 'htpasswd'), username, password]);
  const readErrorLog = () => readFile(join(dir, 'error.log'), 'utf8').catch(() => '(no error log)');

  let command = [APACHE];
  if (isRoot) {
    const uid = Number((await run('id', ['-u', SERVICE_USER])).stdout.trim());
    const gid = Number((await run('id', ['-g', SERVICE_USER])).stdout.trim());
    for (const path of [dir, dataDir]) await chown(path, uid, gid);
    await chmod(dir, 0o700);
    command = ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', APACHE];
  }

  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const configFile = join(dir, 'httpd.conf');
    await writeFile(configFile, renderConfig(dir, port));
    const [program = APACHE, ...args] = [...command, '-f', configFile, '-DFOREGROUND'];
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const origin = `http://127.0.0.1:${port}`;
    // A test run that dies without afterAll must not leave Apache behind.
    const stopOnExit = () => child.kill('SIGTERM');
    process.once('exit', stopOnExit);
    try {
      await waitUntilAnswering(origin, child, async () => `${stderr}${await readErrorLog()}`);
    } catch (error) {
      child.kill('SIGTERM');
      process.off('exit', stopOnExit);
      // Another process took the port between our probe and Apache's bind: try another one.
      if (attempt < 3 && /Address already in use/.test(String(error))) continue;
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return {
      origin,
      davUrl: `${origin}/dav/`,
      username,
      password,
      dataDir,
      readErrorLog,
      stop: async () => {
        process.off('exit', stopOnExit);
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}
