import type { ioEn } from '../en/io.js';

/** 日本語: ファイルシステムと端末との境目で伝えること。キーは en/io.ts と同じ。 */
export const ioJa: typeof ioEn = {
  'help.output.mode': '書き出すファイルの権限（8進数。既定は 600 で本人だけが読めます。640 や 644 は意図して共有する場合に）',
  'kind.folder': 'フォルダ',
  'kind.fifo': '名前付きパイプ（FIFO）',
  'kind.socket': 'ソケット',
  'kind.device': 'デバイス',
  'kind.other': '通常のファイルではないもの',
  'usage.output.no-folder': (p) => `${p.file} に書き込めません: フォルダ ${p.folder} がありません。`,
  'usage.output.no-folder.hint': '先にフォルダを作るか、別の出力先を指定してください。',
  'usage.output.not-regular': (p) => `${p.file} には書き込みません: これは${p.kind}です。何も変更していません。`,
  'usage.output.archive': (p) => `${p.file} には書き込みません: これは証拠を保存しているアーカイブそのものです。何も変更していません。`,
  'usage.output.companion': (p) =>
    `${p.file} には書き込みません: これはアーカイブの ${p.suffix} ファイルです（上書きするとアーカイブが壊れます）。何も変更していません。`,
  'usage.output.input': (p) => `${p.file} には書き込みません: これはこのコマンドが読んでいる入力ファイルです。何も変更していません。`,
  'hint.output.choose-another': '別のファイル名か、別のフォルダを指定してください。',
  'usage.output.cannot-create': (p) => `${p.file} に書き込めません: ${p.folder} にはファイルを作れません（${p.why}）。何も変更していません。`,
  'archive.output-failed': (p) => `${p.file} の書き込みに失敗しました（${p.why}）。ファイルは書かれていません。`,
  'archive.output-failed.hint': 'ディスクの空き容量や、ドライブが外れていないか・故障していないかを確認してから、もう一度実行してください。',
  'usage.mode': (p) => `--mode には 600 や 640 のような8進数の権限を指定してください（「${p.value}」は使えません）。`,
  'input.not-a-file': (p) => `${p.where} は${p.kind}で、ファイルではありません。何も読んでいません。`,
  'input.not-a-file.hint': '書き出したファイルそのものを指定してください。標準入力から読むなら - を使います。',
  'input.pipe-no-writer': (p) => `${p.where} は名前付きパイプですが、${p.seconds} 秒待っても書き込むプログラムがありませんでした。何も読んでいません。`,
  'input.pipe-no-writer.hint': 'パイプに書き込むプログラムを先に起動するか、ファイルを指定してください。',
  'input.report-too-big': (p) => `${p.where} は ${p.size} バイトあり、報告書として読める上限（${p.max} バイト）を超えています。`,
  'input.cert-too-big': (p) => `証明書ファイルが ${p.size} バイトあり、証明書ファイルとしては大きすぎます（上限 ${p.max} バイト）。`,
  'archive.missing': (p) => `アーカイブがありません: ${p.path}`,
  'archive.missing.hint': (p) =>
    `--db のパスを確認してください（指定しなければ ${p.fallback}）。新しく始めるには、まず chatproof import FILE でトークを取り込みます。`,
  'archive.backup-unsound': (p) => `コピーの検査に失敗しました（${p.result}）。バックアップは書かれていません。`,
  'interrupted.backup': '中断しました。バックアップは書かれていません。',
  'cli.output-failed': (p) => `chatproof: 出力を書き込めませんでした（${p.why}）。ディスクの空きや故障を確認してください。`,
};
