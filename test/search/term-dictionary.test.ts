import { describe, expect, it } from 'vitest';
import { foldText } from '../../lib/search/fold';
import { buildTermDictionary, TermDictionary } from '../../lib/search/term-dictionary';

const dictionary = new TermDictionary(
  JSON.parse(JSON.stringify(buildTermDictionary(['ComfyUI 的 comfy 节点', 'comfyui-manager 与 Claude', '猫'].map(foldText)))),
);

describe('TermDictionary', () => {
  it('widens a word being typed to the words it begins, itself included', () => {
    expect(dictionary.latinWithPrefix('comf')).toEqual(['comfy', 'comfyui', 'comfyuimanager']);
    expect(dictionary.latinWithPrefix('comfy')).toEqual(['comfy', 'comfyui', 'comfyuimanager']);
    expect(dictionary.latinWithPrefix('cla')).toEqual(['claude']);
    expect(dictionary.latinWithPrefix('zz')).toEqual([]);
  });

  it('limits how much longer a widened word may be', () => {
    expect(dictionary.latinWithPrefix('comfy', 2)).toEqual(['comfy', 'comfyui']);
  });

  it('finds the bigrams that hold one CJK character, and a run of that character alone', () => {
    expect(dictionary.cjkTermsWith('节')).toEqual(['节点']);
    expect(dictionary.cjkTermsWith('猫')).toEqual(['猫']);
    expect(dictionary.cjkTermsWith('狗')).toEqual([]);
  });

  it('is empty for an empty corpus', () => {
    const empty = new TermDictionary(buildTermDictionary([]));
    expect(empty.latinWithPrefix('a')).toEqual([]);
    expect(empty.cjkTermsWith('猫')).toEqual([]);
  });
});
