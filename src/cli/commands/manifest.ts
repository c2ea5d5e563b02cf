/** `cablekit manifest merge`: the manifests of a sharded batch joined into one. */
import type { CliCommand } from './types.js';
import { mergeManifests } from '../../batch/merge.js';

export const manifestCommand: CliCommand = {
  command: 'manifest <action> <paths..>',
  describe: "Work with batch manifests: 'merge' joins the shards' manifests (manifest-K-of-N.json) into one",
  docs: 'batch.md',
  builder: (y) =>
    y
      .positional('action', { choices: ['merge'], describe: 'merge: check that every input was converted exactly once, and write one manifest' })
      .positional('paths', { describe: 'Output folders of the shards, or their manifest files', type: 'string' })
      .option('out', { alias: 'o', type: 'string', describe: 'The merged manifest (default: manifest.json beside the shards, when they share a folder)' })
      .option('verify', { type: 'boolean', describe: 'Also check every output file against its sha256' })
      .option('quiet', { alias: 'q', type: 'boolean', describe: 'No summary line' })
      .example('$0 manifest merge out/', 'out/manifest-1-of-8.json … out/manifest-8-of-8.json → out/manifest.json')
      .example('$0 manifest merge shard-*/ --out all/manifest.json', 'Shards that wrote into folders of their own'),
  run: async (args) => {
    const result = await mergeManifests((args.paths as string[]).map(String), {
      out: args.out as string | undefined,
      verify: !!args.verify,
    });
    const s = result.summary;
    const line =
      `merged ${result.shards} shards: converted ${s.converted} of ${s.converted + s.failed}` +
      (s.filtered ? `; ${s.filtered} filtered out` : '') +
      (s.failed ? `; ${s.failed} failed, see ${result.manifestPath}` : `; manifest: ${result.manifestPath}`);
    if (!args.quiet || s.failed) process.stderr.write(`${line}\n`);
    return s.failed ? 2 : 0;
  },
};
