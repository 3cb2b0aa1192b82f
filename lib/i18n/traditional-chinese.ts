// The Traditional Chinese (Taiwan) UI strings, made from the Simplified ones at build time: OpenCC
// with Taiwan phrases, then Taiwan's quotation marks and the terms OpenCC leaves Mainland-style, then
// hand-written sentences where a word swap is not enough. Build-time only: never import from a page.
import { Converter } from 'opencc-js/cn2t';
import { ZH_CN, type MessageKey, type Messages } from './messages';

/** s2twp: characters and Taiwan phrases (设置 → 設定, 文件夹 → 資料夾, 导出 → 匯出, 视频 → 影片). */
const toTaiwanPhrases = Converter({ from: 'cn', to: 'twp' });

/**
 * Mainland terms OpenCC's phrase tables keep, as Taiwan writes them in a UI. Applied in order, each
 * everywhere, so only words that mean one thing in every string we have (地址 here is always a URL).
 */
export const TAIWAN_TERMS: readonly (readonly [mainland: string, taiwan: string])[] = [
  ['賬號', '帳號'],
  ['響應', '回應'],
  ['訪問', '存取'],
  ['地址', '網址'],
  ['應用密碼', '應用程式密碼'],
  ['口令', '密碼短語'],
  ['校驗和', '檢查碼'],
  ['時間線', '時間軸'],
  ['匹配', '符合'],
  ['帖子', '貼文'],
  ['原帖', '原始貼文'],
  ['此帖', '這則貼文'],
  ['標籤頁', '分頁'],
  ['自帶', '內建'],
  ['上級', '上層'],
  ['縮小字號', '縮小字體'],
  ['放大字號', '放大字體'],
  ['字號', '字體大小'],
  ['拼寫', '拼字'],
  ['跳過', '略過'],
  ['斷開連線', '中斷連線'],
  // 儲存 alone reads as the verb "save"; storage is 儲存空間.
  ['同步儲存', '同步儲存空間'],
];

/**
 * Sentences a term swap does not fix. Each must differ from what the conversion makes (a test checks),
 * so one left behind by an edit of the Simplified string shows up.
 */
export const ZH_TW_OVERRIDES: Partial<Messages> = {
  // OpenCC reads 被发送 as 被髮 ("loose hair") + 送; 访问 here is visiting a page, not access.
  optionsPrivacy: '比對在你的瀏覽器內完成：你瀏覽的網頁絕不會被傳送到任何地方。',
  noticeAlias: '也符合其他名稱：$1 ↔ $2',
  cardWhyMatched: '相符原因：$1',
  // The mark of 旁註, as extensionName reads after conversion (注 alone is left as it is).
  cardPill: '註 $1',
  // Taiwan's UIs say 復原 for Undo; 撤銷 reads as revoking (a licence, an order).
  cardUndoMute: '復原',
  matchingCount_one: '$1 筆相符',
  matchingCount_other: '$1 筆相符',
  samePostAs: '與 #$1 是同一則貼文',
  noteRestored: '已還原先前輸入但尚未儲存的文字。',
  noteConflict: '你輸入時，這則筆記在其他分頁或瀏覽器中被修改了。沒有任何內容被覆寫：請選擇要保留的內容。',
  errorNoBackground: 'Sidenote 沒有回應。請重試；如果一直失敗，請重新啟動瀏覽器。',
  syncRename: '重新命名',
  syncDeviceNamePlaceholder: '例如：筆電上的 Firefox',
  syncSkipped: '略過了 $1 的檔案：$2 其中的內容都沒有套用。',
  syncBrowserToggle: '透過此瀏覽器的帳號同步（Chrome 之間、Firefox 之間）',
  syncWebDavPassphrase: '端對端加密的密碼短語（選填；每臺裝置須相同）',
  syncImportDone_one: '已匯入：合併了 $1 項變更。沒有取代任何內容。',
  syncImportDone_other: '已匯入：合併了 $1 項變更。沒有取代任何內容。',
  syncFailureHtml: '伺服器傳回了一個網頁（登入頁？），而不是檔案。',
  syncFailureServerError: '伺服器發生錯誤。',
  storageCleared: '瀏覽器清除了 Sidenote 的儲存空間。摘要已重新載入；只儲存在此瀏覽器中的收藏和筆記已遺失。',
  errorStorage: '瀏覽器的儲存空間拒絕了這次變更（$1）。',
};

/** Taiwan quotes: “…” → 「…」, ‘…’ → 『…』 (Simplified strings use curly quotes, never straight ones). */
function toTaiwanQuotes(text: string): string {
  return text.replace(/“/g, '「').replace(/”/g, '」').replace(/‘/g, '『').replace(/’/g, '』');
}

/** One Simplified string as Taiwan writes it, before any override. */
export function convertToTaiwanChinese(text: string): string {
  return TAIWAN_TERMS.reduce(
    (converted, [mainland, taiwan]) => converted.replaceAll(mainland, taiwan),
    toTaiwanQuotes(toTaiwanPhrases(text)),
  );
}

export function traditionalChineseMessages(): Messages {
  const converted = Object.fromEntries(
    Object.entries(ZH_CN).map(([key, text]) => [key, ZH_TW_OVERRIDES[key as MessageKey] ?? convertToTaiwanChinese(text)]),
  ) as Messages;
  return { ...converted, htmlLang: 'zh-TW' };
}
