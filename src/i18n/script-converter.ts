import type { DictGroup } from 'opencc-js/core';
import { configs as simplifiedConfigs } from 'opencc-js/preset/cn2t';
import { configs as traditionalConfigs } from 'opencc-js/preset/t2cn';
import { OpenccTables } from './opencc-tables.ts';
import { unmatchedLength, type PhraseTable } from './phrase-table.ts';

// opencc-js's Converter({ from, to }) rebuilt on compact tables. The presets load the
// dictionaries as plain strings; the package root's Converter also builds a trie of Maps per
// group, many times their size in heap (docs/performance.md). The test compares both on every
// phrase of the dictionaries.

type Config = NonNullable<(typeof simplifiedConfigs)[string]>;

/** ConverterBuilder's config path: check the config, then build its groups' tables. */
function converter(config: Config | undefined, name: string, tables: OpenccTables): (text: string) => string {
  // The types omit normalizationChain and call segmentation one dictionary; the presets ship
  // both, segmentation as a group. Fail at startup rather than convert differently.
  const normalization = config && 'normalizationChain' in config ? config.normalizationChain : undefined;
  const segmentation: unknown = config?.segmentation;
  if (!config || !isGroupList(normalization) || !isGroup(segmentation)) {
    throw new Error(`opencc-js preset ${name} no longer has the shape script-converter.ts expects`);
  }
  return convertWith(
    normalization.map((group) => tables.table(group)),
    tables.table(segmentation),
    config.conversionChain.map((group) => tables.table(group)),
  );
}

/**
 * What a config's converter does: normalize the whole text, cut it into the segmentation
 * dictionary's phrases and the runs between them, and send each piece through the chain on
 * its own, so no later group matches across two pieces.
 */
function convertWith(normalizers: readonly PhraseTable[], segmenter: PhraseTable, chain: readonly PhraseTable[]) {
  const convertPiece = (piece: string) => chain.reduce((text, table) => table.convert(text), piece);
  return (input: string): string => {
    const text = normalizers.reduce((normalized, table) => table.convert(normalized), input);
    let out = '';
    let pieceStart = 0;
    for (let i = 0; i < text.length; ) {
      const length = segmenter.match(text, i);
      if (length === 0) {
        i += unmatchedLength(text, i);
        continue;
      }
      if (pieceStart < i) out += convertPiece(text.slice(pieceStart, i));
      out += convertPiece(text.slice(i, i + length));
      i += length;
      pieceStart = i;
    }
    return pieceStart < text.length ? out + convertPiece(text.slice(pieceStart)) : out;
  };
}

function isGroup(value: unknown): value is DictGroup {
  return Array.isArray(value) && value.every((dict) => typeof dict === 'string');
}

function isGroupList(value: unknown): value is readonly DictGroup[] {
  return Array.isArray(value) && value.every(isGroup);
}

/** Built in a function so the parsed dictionaries can be collected once the tables exist. */
function presetConverters() {
  const tables = new OpenccTables();
  return {
    /** opencc-js Converter({ from: 'cn', to: 'tw' }): characters only, no Taiwan vocabulary. */
    simplifiedToTaiwan: converter(simplifiedConfigs.s2tw, 's2tw', tables),
    /** opencc-js Converter({ from: 'tw', to: 'cn' }). */
    taiwanToSimplified: converter(traditionalConfigs.tw2s, 'tw2s', tables),
    /** opencc-js Converter({ from: 'hk', to: 'cn' }). */
    hongKongToSimplified: converter(traditionalConfigs.hk2s, 'hk2s', tables),
  };
}

export const { simplifiedToTaiwan, taiwanToSimplified, hongKongToSimplified } = presetConverters();
