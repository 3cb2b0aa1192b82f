import { describe, expect, it } from 'vitest';
import { ZH_CN, type MessageKey } from '../../lib/i18n/messages';
import { convertToTaiwanChinese, traditionalChineseMessages, ZH_TW_OVERRIDES } from '../../lib/i18n/traditional-chinese';

const zhTW = traditionalChineseMessages();
const entries = Object.entries(zhTW) as [MessageKey, string][];

/** Mainland usage a Taiwan reader notices, with what Taiwan writes instead (for the failure message). */
const MAINLAND_TERMS = [
  ['搜索', '搜尋'],
  ['鏈接', '連結'],
  ['設置', '設定'],
  ['信息', '資訊'],
  ['文件', '檔案'],
  ['導出', '匯出'],
  ['導入', '匯入'],
  ['默認', '預設'],
  ['網絡', '網路'],
  ['視頻', '影片'],
  ['程序', '程式'],
  ['軟件', '軟體'],
  ['用戶', '使用者'],
  ['賬號', '帳號'],
  ['服務器', '伺服器'],
  ['數據', '資料'],
  ['支持', '支援'],
  ['創建', '建立'],
  ['登錄', '登入'],
  ['打開', '開啟'],
  ['添加', '新增'],
  ['保存', '儲存'],
  ['存儲', '儲存空間'],
  ['響應', '回應'],
  ['訪問', '存取 / 造訪'],
  ['地址', '網址'],
  ['通過', '透過'],
  ['帖子', '貼文'],
  ['原帖', '原始貼文'],
  ['標籤頁', '分頁'],
  ['時間線', '時間軸'],
  ['匹配', '符合'],
  ['口令', '密碼短語'],
  ['校驗和', '檢查碼'],
  ['自帶', '內建'],
  ['筆記本', '筆電'],
  ['字號', '字體大小'],
  ['拼寫', '拼字'],
  ['應用密碼', '應用程式密碼'],
  ['端到端', '端對端'],
  ['改名', '重新命名'],
  ['設備', '裝置'],
  ['屏蔽', '遮蔽 / 封鎖'],
] as const;

describe('Traditional Chinese (Taiwan) messages', () => {
  it('says 發 where the Simplified text says 发 (OpenCC can make it 髮, hair)', () => {
    const sent = entries.filter(([key]) => ZH_CN[key].includes('发'));
    expect(sent.length).toBeGreaterThan(0);
    for (const [key, text] of entries) expect(text, key).not.toContain('髮');
  });

  it.each(MAINLAND_TERMS)('never says %s (Taiwan: %s)', (mainland) => {
    expect(entries.filter(([, text]) => text.includes(mainland)).map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('quotes with 「」 as Taiwan does', () => {
    for (const [key, text] of entries) expect(text, key).not.toMatch(/[“”‘’]/);
    expect(zhTW.noMatch).toBe('沒有條目符合「$1」。');
  });

  it('writes Taiwan terms', () => {
    expect(zhTW.searchLabel).toBe('搜尋摘要');
    expect(zhTW.timeline).toBe('時間軸');
    expect(zhTW.links).toBe('連結');
    expect(zhTW.optionsTitle).toBe('Sidenote 設定');
    expect(zhTW.syncExportTitle).toBe('匯出與匯入');
    expect(zhTW.syncWebDavTitle).toBe('WebDAV 資料夾（任何瀏覽器）');
    expect(zhTW.noSuchEntry).toBe('沒有第 $1 條。');
    expect(zhTW.htmlLang).toBe('zh-TW');
  });

  it.each(Object.entries(ZH_TW_OVERRIDES))('applies the override for %s, which the conversion alone gets wrong', (key, override) => {
    expect(zhTW[key as MessageKey]).toBe(override);
    expect(convertToTaiwanChinese(ZH_CN[key as MessageKey])).not.toBe(override);
  });
});
