import type { Command } from 'commander';
import { type Runner, defineCommand } from '../command.js';
import { textsIn } from '../../i18n/message.js';
import type { SyncOptions } from './sync-command.js';

export function registerSync(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[string, SyncOptions]>(
    program,
    runner,
    'sync <service>',
    tx('help.sync'),
    (c) =>
      c
        .option('--room <id...>', tx('help.sync.room'), [])
        .option('--always', tx('help.sync.always'))
        .option('--every <duration>', tx('help.sync.every'))
        .option('--download-files', tx('help.sync.download-files'))
        .option('--stamp', tx('help.capture.stamp'))
        .option('--no-stamp', tx('help.capture.no-stamp'))
        .option('--tsa <url|name>', tx('help.capture.tsa'))
        .option('--tsa-cert <file>', tx('help.tsa-cert'))
        .addHelpText('after', '\n' + tx('help.sync.schedule')),
    // The client, the diff core and the rest load when a sync runs, not at every start-up (docs/performance.md).
    async (ctx, service, opts) => (await import('./sync-command.js')).runSyncCommand(ctx, service, opts),
  );
}
