import type { Report } from '../../src/report/model.js';
import { FONT_BOLD, FONT_REGULAR } from './fonts.js';
import { L } from './format.js';
import { INK, type Layout, SIZE } from './layout.js';

/** Appendix: how to check this report, with chatproof and by hand with standard tools. */
export function writeHowTo(l: Layout, r: Report): void {
  const { lang } = r;
  l.newPage();
  l.heading(L(lang, '付録: この報告書の確かめ方', 'Appendix: how to check this report'), 1);
  l.bookmark(L(lang, '付録: この報告書の確かめ方', 'Appendix: how to check this report'), 1);
  const step = (title: string, text: string, commands: string[] = []): void => {
    l.ensure(70);
    l.use(FONT_BOLD, SIZE.body).para(title);
    l.use(FONT_REGULAR, SIZE.body).para(text, 12);
    for (const c of commands) command(l, c);
    l.gap(6);
  };
  step(
    L(lang, '1. chatproof で自動検証する', '1. Automatic check with chatproof'),
    L(
      lang,
      'アーカイブなしで、添付ファイルのハッシュ、メッセージのハッシュと Merkle ルート、ログの連鎖、タイムスタンプをすべて計算し直し、項目ごとに結果と根拠を表示します。タイムスタンプの信頼の起点は、既定では Node.js 同梱の Mozilla ルート証明書、--tsa-cert を付けるとそのファイルです。',
      "Without the archive, it recomputes the attachments' hashes, the message hashes and Merkle roots, the log chain and the timestamp, and prints each check with what it rests on. A timestamp is trusted through the Mozilla roots bundled with Node.js by default, or the certificate given with --tsa-cert.",
    ),
    ['chatproof verify-report report.pdf [--tsa-cert tsa-ca.pem]'],
  );
  step(
    L(lang, '2. 添付ファイルを取り出す', '2. Extract the attached files'),
    L(
      lang,
      'PDF ビューアの「添付ファイル」欄から保存するか、poppler-utils の pdfdetach を使います。',
      "Save them from the viewer's attachments panel, or with pdfdetach (poppler-utils):",
    ),
    ['pdfdetach -list report.pdf', 'pdfdetach -saveall report.pdf'],
  );
  step(
    L(lang, '3. 元データと manifest.json のハッシュ', '3. Hashes of the originals and of manifest.json'),
    L(
      lang,
      `表示された値が、表紙の「元データ SHA-256」と「manifest.json SHA-256」（${r.manifestSha256.slice(0, 16)}…）に一致すれば、ファイルは変わっていません。${r.mode === 'private' ? 'この報告書は非公開モードのため、元データは添付していません。' : ''}`,
      `The printed values must equal the cover's "Original SHA-256" and "manifest.json SHA-256" (${r.manifestSha256.slice(0, 16)}…).${r.mode === 'private' ? ' This private report embeds no originals.' : ''}`,
    ),
    [r.mode === 'private' ? 'sha256sum manifest.json' : 'sha256sum manifest.json capture-*'],
  );
  const before =
    r.logFrom === 1
      ? ''
      : L(
          lang,
          `#${r.logFrom} より前の記録は別のルームのもので、含めていません（#${r.logFrom} の "prev" がその最後を指します）。`,
          ` Entries before #${r.logFrom} concern other rooms and are not included (the "prev" of #${r.logFrom} names the last of them).`,
        );
  step(
    L(lang, '4. ログの連鎖', '4. The log chain'),
    L(
      lang,
      `log.jsonl の各行は、ログ #${r.logFrom}〜#${r.head.seq} の各記録の、ハッシュ計算の対象そのものです。次のコマンドで各行のハッシュを表示します。各行の "prev" が 1 つ前の行のハッシュと等しく、最後のハッシュが各ページ上部のログ先頭ハッシュと等しければ、連鎖は保たれています。${before}`,
      `Each line of log.jsonl is exactly what was hashed for log entries #${r.logFrom}–#${r.head.seq}. The command prints each line's hash: every line's "prev" must equal the hash printed for the line before, and the last one the head hash at the top of every page.${before}`,
    ),
    [
      'while IFS= read -r e; do printf \'%s\' "$e" > e.json; { printf \'chatproof/entry/1 %s\\0\' "$(wc -c < e.json)"; cat e.json; } | sha256sum; done < log.jsonl',
    ],
  );
  if (r.timestamps.length > 0) {
    const t = r.timestamps[r.timestamps.length - 1]!;
    const others =
      r.timestamps.length === 1
        ? ''
        : L(lang, 'ほかの timestamp-*.tst も同じように確かめられます。', ' The other timestamp-*.tst files are checked the same way.');
    step(
      L(lang, '5. タイムスタンプ（RFC 3161）', '5. The timestamp (RFC 3161)'),
      L(
        lang,
        `${t.dataFile} はタイムスタンプの対象となったデータ {"hash","seq","v":1} そのもので、hash はログ #${t.stampedSeq} のハッシュです。tsa-ca.pem には時刻認証局の CA 証明書を指定します。「Verification: OK」と表示されれば、そのデータは証明された時刻にすでに存在していました。${others}`,
        `${t.dataFile} holds the exact stamped bytes {"hash","seq","v":1}, where hash is the hash of log entry #${t.stampedSeq}. tsa-ca.pem is the time-stamping authority's CA certificate. "Verification: OK" means those bytes existed at the token's time.${others}`,
      ),
      [
        `openssl ts -verify -token_in -in ${t.tokenFile} -data ${t.dataFile} -CAfile tsa-ca.pem`,
        `openssl ts -reply -token_in -in ${t.tokenFile} -token_out -text`,
      ],
    );
  } else {
    step(
      L(lang, '5. タイムスタンプ', '5. Timestamp'),
      L(
        lang,
        'この報告書にはタイムスタンプがありません。時刻はこのパソコンの時計によるもので、第三者の保証はありません。',
        "This report carries no timestamp: its times come from this computer's clock, and no third party vouches for them.",
      ),
    );
  }
  step(
    L(lang, '6. メッセージのハッシュと Merkle ルート', '6. Message hashes and Merkle roots'),
    L(
      lang,
      'メッセージのハッシュは、正準化 JSON（RFC 8785）に "chatproof/message/1 <バイト数>\\0" を前置した SHA-256、取り込みの Merkle ルートは RFC 6962 の木です。manifest.json にすべての値と、非公開モードでは包含証明があります。計算方法は chatproof の docs/hashing.md と docs/report.md に記載しています。',
      'A message hash is SHA-256 over "chatproof/message/1 <byte length>\\0" followed by its RFC 8785 canonical JSON; a capture\'s Merkle root is an RFC 6962 tree. manifest.json has every value and, for a private report, the inclusion proofs. The exact forms are in chatproof\'s docs/hashing.md and docs/report.md.',
    ),
  );
  l.use(FONT_REGULAR, SIZE.small, INK.muted).para(
    L(
      lang,
      `この報告書ファイル自身の SHA-256 は、作成後にアーカイブのログ（種類 report）に記録されます。PDF は自分のハッシュを含められないためです。作成: ${r.generator}`,
      `This PDF's own SHA-256 is logged in the archive (an entry of kind report) after it is written, since a file cannot contain its own hash. Made by ${r.generator}.`,
    ),
  );
}

/** A command line, set apart on a light panel so that it reads as something to type. */
function command(l: Layout, text: string): void {
  l.use(FONT_REGULAR, SIZE.small);
  const height = l.heightOf(text, 24) + 6;
  l.ensure(height + 4);
  const top = l.doc.y;
  l.doc
    .save()
    .rect(l.left + 12, top, l.width - 12, height)
    .fill(INK.fill)
    .restore();
  l.doc.fillColor(INK.text);
  l.doc.y = top + 3;
  l.para(text, 18, { width: l.width - 24 });
  l.doc.y = top + height + 3;
}
