import type { Command } from 'commander';
import { type Runner, defineCommand } from '../command.js';
import type { SyncOptions } from './sync-command.js';

export function registerSync(program: Command, runner: Runner): void {
  defineCommand<[string, SyncOptions]>(
    program, runner, 'sync <service>',
    'fetch Chatwork rooms through the API (token in CHATWORK_API_TOKEN) and record what changed / Chatwork API から取得して記録',
    (c) => c
      .option('--room <id...>', 'only these Chatwork room ids (the number after "rid" in the room\'s address)', [])
      .option('--always', 'record a capture even when nothing changed (proof the room still looked the same)')
      .option('--every <duration>', 'keep running: sync again every DURATION (e.g. 10m, 1h) until Ctrl-C')
      .option('--download-files', 'also keep the bytes of the files posted in the rooms')
      .addHelpText('after', '\nSee docs/sync.md for running it on a schedule (cron, launchd, Task Scheduler).'),
    // The client, the diff core and the rest load when a sync runs, not at every start-up (issue 8).
    async (ctx, service, opts) => (await import('./sync-command.js')).runSyncCommand(ctx, service, opts),
  );
}

