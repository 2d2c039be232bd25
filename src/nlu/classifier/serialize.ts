import type { IntentModelState } from './model-state.js';
import type { VectorizerConfig } from './vectorizer.js';

/**
 * Model format, text so that it survives being stored as a string (a file read as UTF-8, a database
 * column): line 1 `TLIC <format version>`, line 2 a JSON header (labels, feature config, vocabulary,
 * temperature, fingerprint), line 3 base64 of little-endian float32 arrays idf[F], weights[F*C], bias[C].
 */
const MAGIC = 'TLIC';
export const MODEL_FORMAT_VERSION = 1;

export class IntentModelFormatError extends Error {
  override name = 'IntentModelFormatError';
}

interface Header {
  labels: string[];
  featureConfig: VectorizerConfig;
  vocabulary: string[];
  temperature: number;
  fingerprint: string;
}

export function encodeModelState(state: IntentModelState): string {
  const header: Header = {
    labels: state.labels,
    featureConfig: state.featureConfig,
    vocabulary: state.vocabulary,
    temperature: state.temperature,
    fingerprint: state.fingerprint,
  };
  const arrays = [state.idf, state.weights, state.bias];
  const payload = Buffer.alloc(arrays.reduce((n, a) => n + a.length * 4, 0));
  let offset = 0;
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++, offset += 4) payload.writeFloatLE(array[i], offset);
  }
  return `${MAGIC} ${MODEL_FORMAT_VERSION}\n${JSON.stringify(header)}\n${payload.toString('base64')}\n`;
}

/** Accepts the string from `encodeModelState`, or its UTF-8 bytes (a file read without an encoding). */
export function decodeModelState(data: string | Uint8Array): IntentModelState {
  const text = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  const firstBreak = text.indexOf('\n');
  const secondBreak = text.indexOf('\n', firstBreak + 1);
  const [magic, version] = text.slice(0, Math.max(firstBreak, 0)).split(' ');
  if (magic !== MAGIC || secondBreak < 0) throw new IntentModelFormatError('not a Teller intent model');
  if (Number(version) !== MODEL_FORMAT_VERSION) {
    throw new IntentModelFormatError(`intent model format ${version} is not supported (expected ${MODEL_FORMAT_VERSION})`);
  }
  let header: Header;
  try {
    header = JSON.parse(text.slice(firstBreak + 1, secondBreak)) as Header;
  } catch {
    throw new IntentModelFormatError('intent model header is not valid JSON');
  }
  if (
    !Array.isArray(header.labels) ||
    !Array.isArray(header.vocabulary) ||
    typeof header.temperature !== 'number' ||
    typeof header.featureConfig !== 'object'
  ) {
    throw new IntentModelFormatError('intent model header is incomplete');
  }
  const features = header.vocabulary.length;
  const classes = header.labels.length;
  const payload = Buffer.from(text.slice(secondBreak + 1).trim(), 'base64');
  const expected = 4 * (features + features * classes + classes);
  if (payload.length !== expected) {
    throw new IntentModelFormatError(`intent model weights are ${payload.length} bytes, expected ${expected}`);
  }
  let offset = 0;
  const read = (length: number): Float32Array => {
    const out = new Float32Array(length);
    for (let i = 0; i < length; i++, offset += 4) out[i] = payload.readFloatLE(offset);
    return out;
  };
  const idf = read(features);
  const weights = read(features * classes);
  const bias = read(classes);
  return { ...header, idf, weights, bias };
}
