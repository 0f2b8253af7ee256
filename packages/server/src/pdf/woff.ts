import { inflateSync } from "node:zlib";

/**
 * WOFF 1.0 → the plain sfnt (TrueType/OpenType) it wraps: each table inflated with Node's zlib and
 * laid out again behind an sfnt table directory. fontkit's own WOFF reader inflates some tables
 * wrongly: Noto Sans SC subset 101 (倚, 侮, 凄, 呻, š…) came out with no cmap, and every PDF
 * with one of its characters answered 500.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") return woff;
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const original = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + compressed);
    tables.push({ tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data: compressed < original ? inflateSync(stored) : stored });
  }
  // sfnt's binary-search hints over the table directory.
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const directory = Buffer.alloc(12 + 16 * numTables);
  directory.writeUInt32BE(flavor, 0);
  directory.writeUInt16BE(numTables, 4);
  directory.writeUInt16BE(searchRange, 6);
  directory.writeUInt16BE(entrySelector, 8);
  directory.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts = [directory];
  let at = directory.length;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    directory.writeUInt32BE(table.tag, record);
    directory.writeUInt32BE(table.checksum, record + 4);
    directory.writeUInt32BE(at, record + 8);
    directory.writeUInt32BE(table.data.length, record + 12);
    // Tables start on 4-byte boundaries.
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    parts.push(padded);
    at += padded.length;
  });
  return Buffer.concat(parts);
}
