/** `cablekit serve`: starts the local workbench in the browser and prints its URL (with a token). */
import { spawn } from 'node:child_process';
import type { CliCommand } from './types.js';
import { startWorkbench } from '../../serve/server.js';
import { CableError } from '../../errors.js';

/** Opens a URL in the desktop's browser; failing quietly (the URL is printed anyway). */
function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser launcher: the printed URL is enough
  }
}

/** Ctrl-C, a kill, a closed terminal: each stops the server and removes its temporary folder. */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export const serveCommand: CliCommand = {
  command: 'serve',
  describe: 'Start the workbench in your browser: see every repair, review redactions, download documents',
  docs: 'workbench.md',
  builder: (y) =>
    y
      .option('port', { alias: 'p', type: 'number', describe: 'Port (default 8750, or the next free one)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on (another than loopback only when you mean it)' })
      .option('open', { type: 'boolean', describe: 'Open the URL in the default browser' })
      .option('index', { type: 'string', describe: 'Search this index (made by cablekit index), opened read-only: the whole release without uploading it' })
      .example('$0 serve', 'Prints http://127.0.0.1:8750/?token=… — open it')
      .example('$0 serve --port 9000 --open', 'On port 9000, and open the browser')
      .example('$0 serve --index release.db', 'Search a release indexed with cablekit index, and make books of what you find'),
  run: async (args) => {
    const port = args.port === undefined ? undefined : Number(args.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new CableError(`--port must be a port number (got ${args.port})`);
    const bench = await startWorkbench({ port, host: String(args.host), index: typeof args.index === 'string' ? args.index : undefined });
    if (bench.exposed) {
      process.stderr.write(
        `cablekit serve: warning: listening on ${bench.host}, reachable from other machines; anyone with the token can read the cables you load\n`,
      );
    }
    process.stdout.write(`cablekit workbench: ${bench.url}\n`);
    process.stderr.write('Open that URL in your browser. Ctrl-C stops the workbench and removes its temporary folder.\n');
    if (args.open) openBrowser(bench.url);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        for (const signal of SIGNALS) process.off(signal, stop);
        void bench.close().then(resolve);
      };
      for (const signal of SIGNALS) process.on(signal, stop);
    });
    return 0;
  },
};
