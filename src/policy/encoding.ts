// Bytes of a policy file -> text. Policies are UTF-8 (with or without BOM); editors on Windows sometimes save
// UTF-16 with a BOM, which read as UTF-8 would turn into noise and a confusing parse error at 1:1.
// A BOM (of either encoding) is returned as a leading U+FEFF.
export function decodePolicyBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return `\uFEFF${new TextDecoder("utf-16le").decode(bytes.subarray(2))}`;
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return `\uFEFF${new TextDecoder("utf-16be").decode(bytes.subarray(2))}`;
  }
  // ignoreBOM keeps a UTF-8 BOM in the text, so parsePolicy can record it (and the serializer keep it).
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}
