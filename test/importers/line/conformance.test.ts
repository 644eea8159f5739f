/**
 * The shared importer contract (test/support/conformance.ts) on the LINE importer. Bodies are
 * written out by hand here, independently of the goldens: byte-exact, spaces and quotes included.
 */
import { lineImporter } from '../../../src/importers/line/index.js';
import { type ConformanceSample, importerConformance } from '../../support/conformance.js';
import { caseBytes, caseOptions } from './cases.js';

const sample = (name: string, bodies: readonly string[], warningLines: readonly number[] = []): ConformanceSample => ({
  name,
  bytes: caseBytes(name),
  options: caseOptions(name),
  bodies,
  warningLines,
});

importerConformance(lineImporter, [
  sample('ja-mobile-1to1', [
    'おはようございます。ロゴ制作の件、見積書を送りました',
    '[ファイル]',
    '確認しました。\n一点だけ質問です。\n\n納期は3/15で合っていますか？',
    '[スタンプ]',
    '☎ 通話時間 4:08',
    '佐藤花子がメッセージの送信を取り消しました',
    '了解です(emoji)',
    '仮払いは来週になります',
  ]),
  sample('empty-body', ['', '\u3000本文の前に全角スペース', '  前後に空白  ', 'タブ\tを含む\t本文']),
  sample(
    'crlf-with-lf-in-quotes',
    ['前回のやりとりを貼ります', '前回:\n09:00\t山田太郎\t了解です"\n09:01\t佐藤花子\tよろしく\n\n以上です', 'ありがとうございます'],
    [6, 7],
  ),
  sample('literal-leading-quote', ['"hi"', '"quoted" and more', '"hello', 'that quote is never closed', 'two lines\nwith "doubled" quotes', 'ok'], [7]),
  sample('pc-desktop', ['あけましておめでとうございます', '今年もよろしく\nお願いします', '佐藤花子がメッセージの送信を取り消しました', '☎ 通話時間 0:54']),
  sample(
    'desktop-name-with-space-and-member-hint',
    ['太郎 あけましておめでとうございます', '今年もよろしく\nお願いします', '太郎 こちらこそ よろしく', '了解'],
    [2],
  ),
  sample('shift-jis-notepad', ['見積書を送りました', '①確認します\uff5e']),
  sample('utf16le-bom', ['見積書を送りました', '①確認します\uff5e']),
  sample('truncated-open-quote', ['見積書を送りました']),
]);
