import type { storeEn } from '../en/store.js';

/** 日本語: 保存した原本とアーカイブの形式について。キーは en/store.ts と同じ。 */
export const storeJa: typeof storeEn = {
  'archive.original-missing': (p) => `保存したファイル ${p.sha256} がアーカイブにありません。`,
  'integrity.original-damaged': (p) => `保存したファイル ${p.sha256} が壊れています: ${p.what}。`,
  'integrity.chunk-missing': (p) => `${p.n} 番目のチャンク（${p.hash}）がありません`,
  'integrity.chunk-unreadable': (p) => `${p.n} 番目のチャンク（${p.hash}）を展開できません`,
  'integrity.chunk-hash': (p) => `${p.n} 番目のチャンクのハッシュが ${p.hash} になりません`,
  'integrity.chunk-list-node-missing': (p) => `チャンクの一覧が、保存されていない断片を指しています（レベル ${p.level} の ${p.n} 番目、${p.hash}）`,
  'integrity.chunk-list-levels': (p) => `チャンクの一覧の段数が ${p.levels} になっていて、ありえない値です`,
  'integrity.list-node-missing': (p) => `メッセージ一覧が、保存されていない断片を指しています（レベル ${p.level} の ${p.n} 番目、${p.hash}）。`,
  'integrity.list-levels': (p) => `メッセージ一覧の段数が ${p.levels} になっていて、ありえない値です。`,
  'archive.none-yet': (p) => `${p.path} にはまだアーカイブがありません。`,
  'archive.none-yet.hint': '先にチャットを取り込むか（chatproof import FILE）、--db PATH でアーカイブを指定してください。',
  'archive.foreign': (p) => `${p.path} は chatproof のアーカイブではありません。別のプログラムのデータなので、手を付けずにそのままにしました。`,
  'archive.foreign.hint': '--db のパスを確かめてください。--db（と CHATPROOF_DB）がなければ、chatproof は自分のアーカイブを使います。',
  'archive.not-ours': (p) => `${p.path} は chatproof のアーカイブではありません。`,
  'archive.not-ours.hint': '--db のパスを確かめるか、先に新しいアーカイブへチャットを取り込んでください。',
  'archive.newer': (p) => `アーカイブ ${p.path} は、より新しい版の chatproof で書かれています。`,
  'archive.newer.hint':
    'chatproof を更新して（npm install -g chatproof@latest または git pull）からもう一度実行してください。この版はアーカイブを変更しません。',
  'archive.busy': (p) => `アーカイブ ${p.path} は使用中です。別の chatproof が待てる時間より長く使っていました。`,
  'archive.busy.hint': 'ほかの取り込み・同期・報告書作成が終わるのを待ってから、もう一度実行してください。',
  'archive.unreadable': (p) => `${p.path} は読める chatproof のアーカイブではありません（${p.why}）。`,
  'archive.unreadable.hint': '--db のパスを確かめてください。あなたのアーカイブなら壊れています。バックアップ（chatproof backup）から戻してください。',
  'archive.read-only': (p) => `アーカイブ ${p.path} を書き込み用に開けません（${p.why}）。`,
  'archive.read-only.hint': 'フォルダがあり書き込めるか確かめるか、--db PATH で別の場所を指定してください。',
  'archive.disk-full': (p) => `${p.path} のあるディスクがいっぱいです。何も書いていません。`,
  'archive.disk-full.hint': '空き容量を作ってから、もう一度実行してください。',
  'archive.io': (p) => `アーカイブ ${p.path} の読み書きに失敗しました（${p.why}）。失敗した処理は何も保存していません。`,
  'archive.io.hint':
    'ディスクを確かめてください（空き容量、ファイルサイズの制限 ulimit -f、外れた・故障したドライブ）。それからもう一度実行してください。保存済みの内容は chatproof verify で確認できます。',
  'archive.no-capture': (p) => `アーカイブに取り込み「${p.id}」はありません。`,
  'archive.no-capture.hint': 'chatproof captures ROOM で取り込みを一覧し、完全な ID を指定してください。',
  'archive.state-message-missing': (p) => `ルームの現在の状態が指すメッセージ ${p.hash} がアーカイブにありません。`,
  'archive.message-missing': (p) => `取り込み ${p.capture} のメッセージ ${p.hash} がアーカイブにありません。`,
  'archive.capture-ambiguous': (p) => `「${p.id}」に当てはまる取り込みが複数あります。`,
};
