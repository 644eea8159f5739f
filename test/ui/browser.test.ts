import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../src/app/workspace.js';
import { startUi, type RunningUi } from '../../src/ui/server.js';
import { browserMissing, launchBrowser, type LaunchedBrowser } from '../support/browser.js';
import { tamperEmbeddedByte, toolMissing } from '../support/pdf.js';
import { tempArchive } from '../support/temp.js';
import { png1x1 } from '../attach/samples.js';
import { FakeChatwork } from '../support/chatwork-server.js';
import { opensslMissing, startTestTsa, type TestTsa } from '../support/tsa.js';
import { settingsPath, writeSettings } from '../../src/app/settings.js';

// The journeys of a person who never opens a terminal, in a real Chromium: from an empty archive
// to a downloaded report that checks out, and a tampered one that does not. One browser and one
// server for the file; the tests run in order and build on each other.
const SCENARIO = join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'line-unsend-and-delete');
const skip = browserMissing() ?? toolMissing('qpdf');
if (skip !== null) console.warn(`browser tests skipped: ${skip}`);
/** Where to keep screenshots of every page (for docs/ui.md); unset: none are written. */
const SHOTS = process.env['CHATPROOF_UI_SHOTS'];

describe.skipIf(skip !== null)('the web app in a browser', () => {
  let tmp: ReturnType<typeof tempArchive>;
  let workspace: Workspace;
  let ui: RunningUi;
  let b: LaunchedBrowser;
  let page: Page;
  let report = '';
  let fake: FakeChatwork;
  let tsa: TestTsa | undefined;
  const dialogs: string[] = [];
  const base = (): string => `http://127.0.0.1:${ui.port}`;
  const shot = async (name: string, fullPage = true): Promise<void> => {
    if (!SHOTS) return;
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(SHOTS, `${name}.jpg`), type: 'jpeg', quality: 70, fullPage });
  };

  beforeAll(async () => {
    tmp = tempArchive();
    workspace = new Workspace(tmp.db, 'Asia/Tokyo');
    fake = await FakeChatwork.start();
    ui = await startUi({ port: 0, lang: 'ja', maxUpload: 8 * 1024 * 1024, workspace, settleMs: 200, chatworkApiBase: fake.baseUrl });
    b = await launchBrowser();
    page = await b.context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  afterAll(async () => {
    await b?.close();
    await ui?.close();
    await fake?.close();
    await tsa?.close();
    workspace?.close();
    tmp?.cleanup();
  });

  it('opens with the printed address, keeps the token out of the address bar, and shows an empty archive', async () => {
    await page.goto(ui.url);
    expect(page.url()).toBe(`${base()}/`);
    await expect(page.locator('main').textContent()).resolves.toContain('まだルームがありません');
    await shot('rooms-empty');
  });

  it('imports a LINE export chosen with the file chooser, after showing what was read', async () => {
    await page.goto(`${base()}/import`);
    await page.locator('form[data-auto] input[type=file]').setInputFiles(join(SCENARIO, 'capture-1.txt'));
    const preview = page.locator('[data-preview]');
    await preview.waitFor();
    await expect(preview.locator('[data-field=format]').textContent()).resolves.toContain('line');
    await expect(preview.locator('[data-field=messages]').textContent()).resolves.toBe('6');
    await expect(preview.locator('[data-field=room]').textContent()).resolves.toContain('佐藤花子');
    await shot('import-preview');
    await page.getByRole('button', { name: '取り込みとして保存' }).click();
    await expect(page.locator('[data-stored]').textContent()).resolves.toContain('6 件のメッセージをルーム「佐藤花子」（新規）に保存しました');
  });

  it('imports a later export pasted as text, and highlights the unsent and deleted messages', async () => {
    await page.goto(`${base()}/import`);
    await page.locator('textarea[name=text]').fill(readFileSync(join(SCENARIO, 'capture-2.txt'), 'utf8'));
    await page.getByRole('button', { name: '文章を読み取る' }).click();
    await page.locator('[data-preview]').waitFor();
    await page.getByRole('button', { name: '取り込みとして保存' }).click();
    const changes = page.locator('[data-changes]');
    await changes.waitFor();
    await expect(changes.textContent()).resolves.toBe('前回の取り込みからの変化: 追加 2、編集 0、送信取消 1、削除 1、変化なし 4。');
    await shot('import-stored');

    await page.getByRole('link', { name: 'ルームを開く' }).click();
    const unsent = page.locator('tr[data-status=unsent]');
    await expect(unsent.count()).resolves.toBe(1);
    await expect(unsent.locator('.before').first().textContent()).resolves.toContain('修正は2回まで無料');
    await expect(unsent.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.not.toBe('rgba(0, 0, 0, 0)');
    const deleted = page.locator('tr[data-status=deleted]');
    await expect(deleted.count()).resolves.toBe(1);
    await expect(deleted.textContent()).resolves.toContain('追加でもう1点お願いします');
    await shot('room-history');

    await page.goto(`${base()}/`);
    await expect(page.locator('[data-count=unsent]').textContent()).resolves.toBe('送信取消 1');
    await expect(page.locator('[data-count=deleted]').textContent()).resolves.toBe('削除された 1');
    await shot('rooms');
  });

  it('makes a report and downloads it', async () => {
    await page.goto(`${base()}/`);
    await page.getByRole('link', { name: '佐藤花子' }).click();
    await page.getByRole('link', { name: '報告書を作る' }).click();
    await shot('report-form');
    await page.getByRole('button', { name: '報告書を作る' }).click();
    const done = page.locator('[data-report]');
    await done.waitFor({ timeout: 60_000 });
    await expect(done.textContent()).resolves.toMatch(/報告書を作りました（\d+ ページ）。ログ #\d+ に記録しました。/);
    await shot('report');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF をダウンロード' }).click()]);
    report = join(tmp.dir, 'report.pdf');
    await download.saveAs(report);
    expect(download.suggestedFilename()).toMatch(/^chatproof-佐藤花子-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(readFileSync(report).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('checks the genuine report (every check ✓) and a tampered copy (✗)', async () => {
    await page.goto(`${base()}/verify`);
    await page.locator('form[data-post="/verify"] input[type=file]').setInputFiles(report);
    const verdict = page.locator('[data-verdict]');
    await verdict.waitFor({ timeout: 60_000 });
    await expect(verdict.getAttribute('data-verdict')).resolves.toBe('ok');
    await expect(page.locator('li[data-ok=false]').count()).resolves.toBe(0);
    expect(await page.locator('li[data-ok=true]').count()).toBeGreaterThan(5);
    await shot('verify-ok', false);

    const tampered = join(tmp.dir, 'tampered.pdf');
    tamperEmbeddedByte(report, tampered, '保存日時：2024/03/05 2', '1');
    await page.goto(`${base()}/verify`);
    await page.locator('form[data-post="/verify"] input[type=file]').setInputFiles(tampered);
    await verdict.waitFor({ timeout: 60_000 });
    await expect(verdict.getAttribute('data-verdict')).resolves.toBe('bad');
    const failed = await page.locator('li[data-ok=false] strong').allTextContents();
    // The changed original, the capture it breaks, its save time and window, and the pages: qpdf rewrote the whole file.
    // The web app runs in Japanese here: the checks are named in Japanese.
    expect(failed).toHaveLength(5);
    expect(failed[0]).toMatch(/^埋め込みファイル capture-1-[0-9a-f]+\.txt$/);
    expect(failed[1]).toMatch(/^取り込み [0-9a-f]+ の元ファイル$/);
    // The byte changed is in the export's 保存日時 line: the save time the report prints no longer holds.
    expect(failed[2]).toMatch(/^取り込み [0-9a-f]+ の保存日時$/);
    // And the window it gives ends at its newest message, not at the save time the log states.
    expect(failed[3]).toMatch(/^取り込み [0-9a-f]+ の対象範囲$/);
    expect(failed[4]).toBe('ページの見た目');
    await shot('verify-tampered', false);
  });

  it('adds a note and attaches a file from the room page, and shows both', async () => {
    await page.goto(`${base()}/`);
    await page.getByRole('link', { name: '佐藤花子' }).click();
    await page.locator('textarea[name=text]').fill('3/5 に電話で「削除したメッセージは取り消す」と言われた');
    await page.getByRole('button', { name: 'メモを追加' }).click();
    await page.locator('[data-added=note]').waitFor();
    await expect(page.locator('li[data-note]').last().textContent()).resolves.toContain('削除したメッセージは取り消す');

    const shotFile = join(tmp.dir, '納品画面.png');
    writeFileSync(shotFile, png1x1());
    const form = page.locator('#room-attachments form');
    await form.locator('input[type=file]').setInputFiles(shotFile);
    await form.locator('select[name=kind]').selectOption('screenshot');
    await form.locator('input[name=note]').fill('納品した画面');
    await page.getByRole('button', { name: 'ファイルを添付' }).click();
    await expect(page.locator('[data-added=attachment]').textContent()).resolves.toMatch(/納品画面\.png を添付し、ログ #\d+ に記録しました。/);
    await expect(page.locator('li[data-attachment]').textContent()).resolves.toContain('納品画面.png (スクリーンショット');
    await page.reload();
    await expect(page.locator('li[data-attachment]').count()).resolves.toBe(1);
    await expect(page.locator('li[data-note]').count()).resolves.toBe(1);
    await shot('room-notes');
  });

  it.skipIf(opensslMissing !== null)('makes a report with the timestamp set for the archive, and shows where it is in the log', async () => {
    tsa = await startTestTsa();
    writeSettings(settingsPath(tmp.db, tmp.dir), { tsa: tsa.url, tsaCert: tsa.caCertPath });
    await page.goto(`${base()}/`);
    await page.getByRole('link', { name: '佐藤花子' }).click();
    await page.getByRole('link', { name: '報告書を作る' }).click();
    await expect(page.locator('select[name=tsa]').inputValue()).resolves.toBe('configured');
    await page.getByRole('button', { name: '報告書を作る' }).click();
    const done = page.locator('[data-report]');
    await done.waitFor({ timeout: 60_000 });
    await expect(done.locator('[data-field=stamp]').textContent()).resolves.toMatch(
      /chatproof test TSA がログに .* のタイムスタンプを付けました（ログ #\d+ に記録）。/,
    );
    await expect(done.locator('[data-trust]').getAttribute('data-trust')).resolves.toBe('ok');
    await expect(done.locator('[data-field=doc-stamp]').textContent()).resolves.toContain('PDF 全体に');
    await shot('report-tsa');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'PDF をダウンロード' }).click()]);
    const stamped = join(tmp.dir, 'stamped.pdf');
    await download.saveAs(stamped);
    // The file downloaded is the stamped one: it carries the document timestamp's signature dictionary.
    expect(readFileSync(stamped).includes(Buffer.from('/SubFilter /ETSI.RFC3161'))).toBe(true);

    // Checked on the page with the TSA's CA certificate given first: every check holds.
    await page.goto(`${base()}/verify`);
    await page.locator('details summary').click();
    await page.locator('form[data-post="/verify/anchor"] input[type=file]').setInputFiles(tsa.caCertPath);
    await page.locator('[data-anchor]').waitFor();
    await page.locator('form[data-post="/verify"] input[type=file]').setInputFiles(stamped);
    const verdict = page.locator('[data-verdict]');
    await verdict.waitFor({ timeout: 60_000 });
    await expect(verdict.getAttribute('data-verdict')).resolves.toBe('ok');
    await expect(page.locator('li[data-ok=false]').count()).resolves.toBe(0);
    await shot('verify-stamped', false);
  });

  it('keeps a Chatwork token for the run, syncs now and sets a schedule', async () => {
    fake.addRoom('333', '案件E');
    fake.post('333', { accountId: 7, name: '佐藤 花子', body: '資料を送ります', sendTime: 1_709_251_200 });
    await page.goto(`${base()}/chatwork`);
    await page.locator('input[name=token]').fill(fake.token);
    await page.getByRole('button', { name: 'このトークンを使う' }).click();
    await page.getByRole('button', { name: '今すぐ同期' }).click();
    await expect(page.locator('[data-last]').textContent()).resolves.toContain('1 ルームを同期しました。新しい取り込み 1 件。');
    await page.locator('input[name=minutes]').fill('30');
    await page.getByRole('button', { name: '間隔を設定' }).click();
    await expect(page.locator('[data-next]').textContent()).resolves.toMatch(/次の同期は \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(page.locator('main').textContent()).resolves.not.toContain(fake.token);
    await expect(page.locator('input[name=token]').inputValue()).resolves.toBe('');
    await shot('chatwork');
  });

  it('watches a folder and shows a dropped export, imported once its size is stable', async () => {
    const folder = join(tmp.dir, 'inbox');
    mkdirSync(folder);
    await page.goto(`${base()}/watch`);
    await page.locator('input[name=folder]').fill(folder);
    await page.getByRole('button', { name: '見張りを始める' }).click();
    await page.locator('[data-watching]').waitFor();
    // A third export of the room, with one message more: a new capture, not a duplicate.
    const third = readFileSync(join(SCENARIO, 'capture-2.txt'), 'utf8').replace(/\n*$/, '\n18:00\t山田太郎\t納品しました\n');
    writeFileSync(join(folder, 'line-export.txt'), third);
    copyFileSync(join(SCENARIO, 'capture-1.txt'), join(folder, 'already-captured.txt'));
    const imported = page.locator('[data-event=imported]');
    await imported.waitFor({ timeout: 30_000 });
    await expect(imported.textContent()).resolves.toContain('line-export.txt: 8 件を「佐藤花子」に取り込みました');
    await page.locator('[data-event=skipped]').waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-event=skipped]').textContent()).resolves.toContain('already-captured.txt');
    await shot('watch');
  });

  it('speaks English when asked, and keeps the choice', async () => {
    await page.goto(`${base()}/chatwork`);
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Chatwork');
    await expect(page.locator('main p').first().textContent()).resolves.toContain('The token is kept in memory');
    await page.goto(`${base()}/backup`);
    await expect(page.getByRole('link', { name: 'Download a backup' }).count()).resolves.toBe(1);
    await shot('backup-en');
    await page.goto(`${base()}/`);
    await shot('rooms-en');
  });

  it('sets the timestamp after each capture on the settings page', async () => {
    await page.goto(`${base()}/settings`);
    await page.locator('select[name=tsa]').selectOption('digicert');
    // Saving posts the form and loads the page again: wait for the page that states the new setting,
    // not the attribute of the page still showing before the reload.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('[data-tsa="digicert"]', { timeout: 15_000 });
    await shot('settings');
    await page.locator('select[name=tsa]').selectOption('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('[data-tsa=""]', { timeout: 15_000 });
  });

  it('ran no script the other side of the chat could have written', () => {
    expect(dialogs).toEqual([]);
  });
});
