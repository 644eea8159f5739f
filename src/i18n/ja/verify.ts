import type { verifyEn } from '../en/verify.js';

/** 埋め込みファイルの役割（manifest の role）。 */
const ROLES: Readonly<Record<string, string>> = {
  manifest: '目録',
  log: 'ログ',
  original: '元ファイル',
  'timestamp-token': 'タイムスタンプのトークン',
  'timestamp-data': 'タイムスタンプを付けたデータ',
  attachment: '添付ファイル',
};

/** 日本語: `verify-report` の各行 — 確認の名前、何を比べたか、何に依拠するか、何が違ったか。 */
/** 違いのあるフォントの部分（src/report/verify/fonts.ts が PDF のオブジェクトで名付けるもの）。 */
function fontPart(part: string): string {
  if (part === 'descriptor') return '字形と寸法';
  if (part === 'Type0') return '文字の対応表: コピーした文字';
  if (part === 'CIDFontType2') return '字幅';
  return part;
}

export const verifyJa: typeof verifyEn = {
  'vr.holds': (p) => `${p.said}（依拠するもの: ${p.rests}）`,
  'vr.list': (p) => `${p.first}。${p.rest}`,
  'vr.more': (p) => `ほか ${p.n} 件`,
  'vr.name.manifest': '目録（manifest）',
  'vr.name.file': (p) => `埋め込みファイル ${p.name}`,
  'vr.name.files-listed': '目録にあるファイル',
  'vr.name.log': 'ログの連鎖',
  'vr.name.room': 'ルーム',
  'vr.name.capture': (p) => `取り込み ${p.id}`,
  'vr.name.capture-original': (p) => `取り込み ${p.id} の元ファイル`,
  'vr.name.capture-merkle': (p) => `取り込み ${p.id} の Merkle ルート`,
  'vr.name.capture-messages': (p) => `取り込み ${p.id} のメッセージ`,
  'vr.name.capture-proofs': (p) => `取り込み ${p.id} の包含証明`,
  'vr.name.capture-reparse-of': (p) => `取り込み ${p.id} の読み直し元`,
  'vr.reparse-of.ok': (p) =>
    `それより前に import --raw で保存した、同じルーム・同じ原本 ${p.raw} の取り込み ${p.of}（ログ項目 ${p.seq}）を読み直したもので、履歴ではその取り込みの時点に置かれます`,
  'vr.name.messages': 'メッセージのハッシュ',
  'vr.name.shown': '載せたメッセージ',
  'vr.name.statuses': '状態（編集・送信取消・削除）',
  'vr.name.timestamp': 'タイムスタンプ',
  'vr.name.doc-timestamp': '文書タイムスタンプ',
  'vr.name.timestamp-entry': (p) => `タイムスタンプ #${p.seq}`,
  'vr.name.attachment': (p) => `添付ファイル #${p.seq}`,
  'vr.rests.rfc8785': 'RFC 8785',
  'vr.rests.sha256-manifest': (p) => `SHA-256。${p.manifest} 自体は以下の確認で裏付けられます`,
  'vr.rests.sha256-chain': 'SHA-256 とログの連鎖',
  'vr.rests.entry-form': 'タグ付き正準形 chatproof/entry/1 に対する SHA-256（docs/hashing.md §4）',
  'vr.rests.chain': 'ログの連鎖',
  'vr.rests.merkle': 'RFC 6962 §2.1 とログの連鎖',
  'vr.rests.importer': 'chatproof の取り込み処理とメッセージの正準形 v1（docs/hashing.md §2）',
  'vr.rests.proofs': 'RFC 9162 §2.1.3.2 の包含証明の検証とログの連鎖',
  'vr.rests.message-form': 'メッセージの正準形 v1 に対する SHA-256（docs/hashing.md §2）',
  'vr.rests.capture-checks': '上の取り込みの確認',
  'vr.rests.proofs-above': '上の包含証明',
  'vr.rests.diff': '確認済みの取り込みに対する chatproof の変化検出（src/core/diff、docs/diff.md）',
  'vr.manifest.ok': (p) =>
    `${p.manifest} は正準 JSON で書かれた chatproof 報告書の目録 v1（${p.mode === 'full' ? '全体版' : '非公開版'}）で、${p.generator} が作成しました`,
  'vr.manifest.not-canonical': (p) => `${p.manifest} が正準 JSON（RFC 8785）ではありません。報告書の作成後に書き換えられています`,
  'vr.manifest.damaged': (p) => `${p.manifest} が壊れています: ${p.problems}`,
  'vr.file.ok': (p) => `SHA-256 ${p.sha256}、${p.size} バイト。${p.manifest} の記載どおりです（${ROLES[p.role] ?? p.role}）`,
  'vr.file.unlisted': (p) => `${p.name} は埋め込まれていますが ${p.manifest} に記載がありません。裏付けがありません`,
  'vr.file.changed': (p) =>
    `${p.name} の SHA-256 は ${p.sha256}（${p.size} バイト）ですが、${p.manifest} には ${p.listed}（${p.listedSize} バイト）とあります。ファイルが変更されています`,
  'vr.file.missing': (p) => `${p.manifest} にあるファイルが PDF に入っていません: ${p.names}`,
  'vr.log.ok': (p) =>
    `${p.n} 件のログ（#${p.from}〜#${p.to}）のハッシュを計算し直しました。どのログも直前のログを正しく指し、最後は各ページに印刷された先頭 ${p.head} です。${p.log} も同じ内容です`,
  'vr.log.ok-partial': (p) =>
    `${p.said}。#${p.first} より前のログは他のルームのもので含まれていないため、#${p.first} からそれらへのつながり（${p.prev}）は記載どおりとしています`,
  'vr.log.seq': (p) => `一覧の ${p.i} 件目の番号が ${p.seq} です（#${p.expected} のはず。ログが欠けているか、順序が変わっています）`,
  'vr.log.hash': (p) => `ログ #${p.seq}（${p.kind}）のハッシュは ${p.actual} ですが、${p.stated} と記載されています。内容が変更されています`,
  'vr.log.prev': (p) => `ログ #${p.seq} は直前のログを ${p.named} としていますが、#${p.before} は ${p.actual} です`,
  'vr.log.none': '目録にログが 1 件もありません',
  'vr.log.head': (p) => `最後のログは #${p.seq} ${p.hash} ですが、報告書の先頭は #${p.headSeq} ${p.head} です`,
  'vr.log.first-prev': 'ログ #1 がそれより前のログを指しています',
  'vr.log.jsonl-missing': (p) => `${p.log} が埋め込まれていません`,
  'vr.log.jsonl-differs': (p) => `${p.log} が目録のログと一致しません`,
  'vr.room.ok': (p) => `ルーム ${p.id}「${p.title}」はログ #${p.seq} で作られました`,
  'vr.room.missing': (p) => `ルームのログ #${p.seq} が報告書に含まれていません`,
  'vr.room.other': (p) => `ログ #${p.seq} はルーム ${p.id} を作ったものではありません`,
  'vr.capture.entry-missing': (p) => `取り込みのログ #${p.seq} が報告書に含まれていません`,
  'vr.capture.entry-other': (p) => `ログ #${p.seq} はこのルームの取り込み ${p.id} ではありません`,
  'vr.capture.entry-hashes': (p) => `ログ #${p.seq} に取り込みのハッシュがありません`,
  'vr.original.ok': (p) =>
    `${p.file} はログ #${p.seq} が記録した元ファイルと 1 バイトも違いません: SHA-256 ${p.sha256}${p.extras > 0 ? `（ログにある別の元ファイル ${p.extras} 件も同様）` : ''}`,
  'vr.original.missing': (p) => `元ファイル ${p.file} が埋め込まれていません`,
  'vr.original.changed': (p) =>
    `${p.file} の SHA-256 は ${p.sha256}（${p.size} バイト）ですが、ログ #${p.seq} には ${p.recorded}（${p.recordedSize} バイト）と記録されています。元ファイルが変更されています`,
  'vr.original.extra': (p) => `${p.file} はログ #${p.seq} に記録されたファイルではありません`,
  'vr.merkle.ok': (p) => `${p.n} 件のメッセージのハッシュから、ログ #${p.seq} が記録した Merkle ルート ${p.root} が得られます`,
  'vr.merkle.differs': (p) =>
    `目録の ${p.n} 件のメッセージのハッシュからは Merkle ルート ${p.root} が得られますが、ログ #${p.seq} には ${p.count} 件・ルート ${p.recorded} と記録されています`,
  'vr.reparse.ok': (p) =>
    `${p.file} を${p.parser}で読み直すと（時刻は ${p.tz} として読みます）、ちょうどこの ${p.n} 件のメッセージがハッシュまで一致して得られます`,
  'vr.reparse.differs': (p) => `${p.file} を${p.parser}で読み直すと ${p.got} 件になり、記録された ${p.n} 件とハッシュが違います（最初の違いは ${p.at} 件目）`,
  'vr.reparse.parser': (p) => `読み取り処理 ${p.version}`,
  'vr.reparse.parser-older': (p) => `読み取り処理 ${p.version}（取り込み時は ${p.made}）`,
  'vr.reparse.no-importer': (p) => `この chatproof には ${p.file} の形式「${p.format}」を読む処理がありません`,
  'vr.reparse.refused': (p) => `${p.file} はもう ${p.format} として読めません: ${p.why}`,
  'vr.reparse.failed': (p) => `${p.file} を ${p.format} として読めません: ${p.why}`,
  'vr.proofs.ok': (p) =>
    `${p.n} 件の包含証明が、ログ #${p.seq} が記録した ${p.count} 件のメッセージの Merkle ルート ${p.root} に届きます。ほかのメッセージは開示されません`,
  'vr.proofs.bad': (p) => `メッセージ ${p.hash} は、ルート ${p.root} の ${p.count} 件中 ${p.at} 番目にありません`,
  'vr.messages.ok': (p) => `${p.n} 件のメッセージを内容からハッシュし直し、どれも記載されたハッシュと一致しました`,
  'vr.messages.changed': (p) => `メッセージ ${p.hash}（${p.at} ${p.sender}）のハッシュは ${p.actual} です。本文か項目が変更されています`,
  'vr.shown.ok-full': (p) => `載せたメッセージ ${p.n} 件: その ${p.sightings} 回の出現はどれも、その取り込みのメッセージ一覧にあります`,
  'vr.shown.ok-private': (p) => `載せたメッセージ ${p.n} 件: その ${p.sightings} 回の出現はどれも、その取り込みの包含証明で裏付けられます`,
  'vr.shown.unknown': (p) => `載せたメッセージ ${p.hash} が目録のメッセージにありません`,
  'vr.shown.version-unknown': (p) => `版 ${p.hash} が目録のメッセージにありません`,
  'vr.shown.no-capture': (p) => `メッセージ ${p.hash} は取り込み ${p.capture} のものとされていますが、その取り込みは報告書にありません`,
  'vr.shown.not-in-capture': (p) => `メッセージ ${p.hash} は取り込み ${p.capture} にありません`,
  'vr.statuses.ok': (p) =>
    `${p.captures} 回の取り込みを比べ直すと、載せた状態とちょうど一致します: 編集 ${p.edited}・送信取消 ${p.unsent}・削除 ${p.deleted}・変化なし ${p.present}`,
  'vr.statuses.unstated': (p) => `取り込み ${p.capture} のメッセージ ${p.hash} が記載されていません`,
  'vr.statuses.count': (p) => `取り込みからは ${p.derived} 件になりますが、報告書には ${p.shown} 件載っています`,
  'vr.statuses.differs': (p) => `メッセージ ${p.hash} は取り込みからは ${p.status} ですが、報告書では ${p.shownStatus}（${p.shown}）です`,
  'vr.attachment.other': (p) => `ログ #${p.seq} はこのルームの添付ファイルではありません`,
  'vr.attachment.hash-only': (p) => `「${p.name}」は SHA-256 ${p.sha256} だけが記録されています。中身はこの報告書にありません`,
  'vr.attachment.ok': (p) => `${p.file} は、ログ #${p.seq} が記録した「${p.name}」（${p.kind}）です: SHA-256 ${p.sha256}`,
  'vr.attachment.missing': (p) => `${p.file} が埋め込まれていません`,
  'vr.attachment.changed': (p) => `${p.file} の SHA-256 は ${p.sha256} ですが、ログ #${p.seq} には ${p.recorded} と記録されています`,
  'vr.timestamp.none':
    'この報告書には RFC 3161 のタイムスタンプがありません。時刻は作成者のパソコンの時計によるもので、報告書の外に時刻を保証するものはありません',
  'vr.timestamp.nothing': 'なし',
  'vr.timestamp.not-entry': (p) => `ログ #${p.seq} は報告書に含まれるタイムスタンプのログではありません`,
  'vr.timestamp.unstated': (p) => `ログ #${p.seq} に、何にタイムスタンプを付けたかの記載がありません`,
  'vr.timestamp.missing': (p) => `${p.token} または ${p.data} が埋め込まれていません`,
  'vr.timestamp.data': (p) => `${p.data} がログ #${p.seq} の正準形 {"hash","seq","v":1} ではありません`,
  'vr.timestamp.head': (p) => `タイムスタンプを付けた先頭 #${p.seq} ${p.hash} が、報告書に含まれるログ #${p.seq} と違います`,
  'vr.timestamp.token': (p) => `${p.token} の SHA-256 は ${p.sha256} ですが、ログ #${p.seq} には ${p.recorded} と記録されています`,
  'vr.timestamp.token-check': (p) => `${p.name}: ${p.detail}`,
  'vr.timestamp.give-cert': 'この時刻認証局が Mozilla のルート証明書にない場合は、--tsa-cert FILE でその CA 証明書を指定してください',
  'vr.timestamp.failed': (p) => `${p.problems}（信頼の起点: ${p.anchor}）`,
  'vr.timestamp.the-tsa': '時刻認証局',
  'vr.timestamp.ok': (p) =>
    `${p.tsa} が、ログの先頭 #${p.seq} ${p.hash} が ${p.at} に存在したことを保証します: 刻印・CMS 署名・ESS 署名証明書・timeStamping EKU はすべて正しいです。${p.trust}`,
  'vr.timestamp.rests': (p) => `RFC 3161 と信頼の起点 ${p.anchor}`,
  'vr.doc-ts.none': 'このファイルには PDF の文書タイムスタンプがありません（report --tsa のときだけ付きます）',
  'vr.doc-ts.none-rests': 'なし',
  'vr.doc-ts.failed': (p) => `PDF の文書タイムスタンプが、ファイルの /ByteRange に対して成り立ちません: ${p.problems}（信頼の起点: ${p.anchor}）`,
  'vr.doc-ts.ok': (p) =>
    `${p.tsa} が、このファイル全体（/ByteRange の ${p.bytes} バイト。トークン自身を除くすべて）が ${p.at} に存在したことを保証します: PDF 文書タイムスタンプ（PAdES、ETSI.RFC3161）の刻印・CMS 署名・ESS 署名証明書・timeStamping EKU はすべて正しいです。${p.trust}`,
  'vr.pages.doc-timestamp': (p) =>
    `描画された報告書は ${p.end} バイト目の %%EOF で終わり、その後は ${p.bytes} バイトの更新 1 つだけです。その更新は、chatproof がこの版とそのトークンに付ける文書タイムスタンプとバイト単位で同じです。ほかに見た目を変えるものはありません`,
  'vr.name.revisions': 'PDF の改版',
  'vr.name.pages': 'ページの見た目',
  'vr.rests.iso32000': 'ISO 32000-1 §7.5.6',
  'vr.rests.pages': 'そのデータをログの連鎖に結び付ける上の確認',
  'vr.pages.one-revision': (p) =>
    `ファイルは 1 版だけです。終わり（${p.end} バイト目の %%EOF）の後に何もないので、後からの更新で見た目が変わることはありません`,
  'vr.pages.appended': (p) =>
    `報告書の終わり（${p.end} バイト目）の後に ${p.bytes} バイトが付け足されています: ${p.what}。PDF リーダーは、その更新後の姿を表示します`,
  'vr.pages.same-text': (p) =>
    `${p.how}。報告書は ${p.made} で作られたとあり（これは ${p.mine}）、オブジェクト単位まで同じに組めるのは作った版だけなので、別の版の報告書として比べられる限りを比べました: ページ数は同じ ${p.pages} ページで、各ページの文字はすべて同じ順で同じで、同じ位置に同じ大きさで描かれています。各ページが描くもの（文字・線・枠・網掛け・画像）も、使う素材も、リンクとその行き先も同じです。フォント（${p.fonts}）は chatproof が埋め込むものと、字形・字幅・文字の対応表（コピーした文字）までバイト単位で同じです。表紙から本文への移動リンクのほかに注釈はなく、JavaScript も開いたときの動作もありません。比べていないもの: ファイルの組み立て方（オブジェクトの番号と順序、圧縮、文書情報、XMP メタデータ、しおり）。それも ${p.made} で確認できます`,
  'vr.pages.other-differs': (p) =>
    `報告書は ${p.made} で作られたとあります。${p.mine} が報告書自身のデータから作り直したものと、別の版の報告書として比べられる限り（各ページの文字とその順・位置、各ページが描くもの、ページ数、フォント、リンク）を比べたところ、違いがありました: ${p.problems}`,
  'vr.pages.draws-otherwise': (p) =>
    `${p.page} ページ目は${
      p.part === 'content'
        ? '、chatproof が描くものと違うものを描いています（内容: 文字・線・枠・網掛け）'
        : p.part === 'resources'
          ? '、chatproof が与えるものと違う素材を使っています（画像・透明度・フォント）'
          : p.part === 'links'
            ? '、chatproof が置くものと違うリンクを持っています'
            : '、chatproof と違う大きさ・向き・ページ枠です'
    }`,
  'vr.pages.link-targets': 'リンクの行き先が chatproof のものと違います: リンクが指す場所の名前の行き先が違います',
  'vr.pages.unreadable': (p) => `比べるためにページを読めません: ${p.why}`,
  'vr.fonts.differs': (p) => `フォント ${p.font}（${fontPart(p.part)}）が、chatproof の埋め込むものと違います`,
  'vr.fonts.extra': (p) => `chatproof が使わないフォントがあります: ${p.font}（${fontPart(p.part)}）`,
  'vr.fonts.missing': (p) => `chatproof が使うフォント ${p.font}（${fontPart(p.part)}）がありません`,
  'vr.pages.cannot-render': (p) => `報告書自身のデータから作り直せません: ${p.why}`,
  'vr.pages.how-full': (p) => `${p.made} が、埋め込まれた元ファイル・目録・ログから報告書を作り直しました`,
  'vr.pages.how-private': (p) => `${p.made} が、埋め込まれたメッセージ・監査パス・目録・ログから報告書を作り直しました`,
  'vr.pages.first-is': '最初の版はその作り直しと同じですが、リーダーには後からの更新後の姿しか見えません',
  'vr.pages.first-is-not': '最初の版はその作り直しと違い、さらにリーダーには後からの更新後の姿しか見えません',
  'vr.pages.same-bytes': (p) =>
    `${p.how}。ファイル（文書タイムスタンプを除く）はその結果と 1 バイトも違いません（${p.size} バイト、すべてのページ・フォント・埋め込みファイル）`,
  'vr.pages.same-objects': (p) =>
    `${p.how}。ファイル（文書タイムスタンプを除く）はその結果とオブジェクト単位で一致します（${p.objects} 個、ストリームは展開して比較）。違うのは圧縮のバイトだけで、zlib の版による違いです`,
  'vr.pages.structure': (p) => `構造が chatproof の書くものと違います: ${p.why}`,
  'vr.reparse.raw': '読み取り処理なし（import --raw で保存: メッセージは読み取りません）',
};
