import type { Command } from 'commander';
import type { Runner } from '../command.js';
import { registerAttach } from './attach.js';
import { registerDemo } from './demo.js';
import { registerDiff } from './diff.js';
import { registerShow } from './show.js';
import { registerImport } from './import.js';
import { registerNote } from './note.js';
import { registerReparse } from './reparse.js';
import { registerReport } from './report.js';
import { registerCaptures } from './captures.js';
import { registerRooms } from './rooms.js';
import { registerStamp } from './stamp.js';
import { registerConfig } from './config.js';
import { registerSync } from './sync.js';
import { registerUi } from './ui.js';
import { registerVerifyReport } from './verify-report.js';
import { registerWatch } from './watch.js';
import { registerBackup } from './backup.js';
import { registerVerify } from './verify.js';

/** Every command, in the order `--help` lists them. */
export function registerCommands(program: Command, runner: Runner): void {
  registerImport(program, runner);
  registerReparse(program, runner);
  registerRooms(program, runner);
  registerCaptures(program, runner);
  registerShow(program, runner);
  registerDiff(program, runner);
  registerSync(program, runner);
  registerNote(program, runner);
  registerAttach(program, runner);
  registerVerify(program, runner);
  registerReport(program, runner);
  registerStamp(program, runner);
  registerConfig(program, runner);
  registerVerifyReport(program, runner);
  registerBackup(program, runner);
  registerUi(program, runner);
  registerWatch(program, runner);
  registerDemo(program, runner);
}
