import { createHash, generateKeyPairSync } from 'node:crypto';
import { canonicalJson } from '../hash-chain';
import {
  CHECKPOINT_FORMAT,
  CheckpointDocumentError,
  parseCheckpointDocument,
  type CheckpointDocument,
} from './checkpoint-document';
import { checkCheckpointDocument, sealCheckpoint } from './checkpoint-signature';

const keys = generateKeyPairSync('ed25519');
const hash = (c: string) => c.repeat(64);
const draft = {
  id: 'cp-000000000012-20240307T020000000Z',
  position: 12,
  at: '2024-03-07T02:00:00.000Z',
  streams: [
    { streamId: 'units', version: 4, hash: hash('b') },
    { streamId: 'dossier-2', version: 7, hash: hash('a') },
  ],
};
const sealed = () => sealCheckpoint(draft, keys.privateKey);
const refused = (doc: CheckpointDocument, key = keys.publicKey) => {
  try {
    checkCheckpointDocument(doc, key);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointDocumentError);
    return (error as Error).message;
  }
  throw new Error('the document was accepted');
};

describe('a signed audit checkpoint', () => {
  it('lists the stream heads sorted by stream id, hashes them into `head`, and signs the summary', () => {
    const doc = sealed();
    expect(doc).toMatchObject({ format: CHECKPOINT_FORMAT, id: draft.id, position: 12, at: draft.at, streamCount: 2 });
    expect(doc.streams.map((s) => s.streamId)).toEqual(['dossier-2', 'units']);
    expect(doc.head).toBe(createHash('sha256').update(canonicalJson(doc.streams)).digest('hex'));
    expect(Buffer.from(doc.signature, 'base64')).toHaveLength(64);
    expect(() => checkCheckpointDocument(doc, keys.publicKey)).not.toThrow();
  });

  it('reads back from its JSON file and still verifies', () => {
    const doc = parseCheckpointDocument(JSON.stringify(sealed(), null, 2));
    expect(() => checkCheckpointDocument(doc, keys.publicKey)).not.toThrow();
  });

  it('is refused when a signed field, a listed head or the list itself was altered', () => {
    expect(refused({ ...sealed(), position: 13 })).toMatch(/signature does not verify/);
    expect(refused({ ...sealed(), at: '2024-03-08T02:00:00.000Z' })).toMatch(/signature does not verify/);
    const edited = sealed();
    edited.streams[1] = { ...edited.streams[1], hash: hash('c') };
    expect(refused(edited)).toMatch(/do not hash to its signed head/);
    const shortened = sealed();
    shortened.streams.pop();
    expect(refused(shortened)).toMatch(/lists 1 streams, signed for 2/);
    expect(refused({ ...shortened, streamCount: 1 })).toMatch(
      /do not hash to its signed head|signature does not verify/,
    );
    const reordered = sealed();
    reordered.streams.reverse();
    expect(refused(reordered)).toMatch(/out of order/);
  });

  it('is refused with another Ed25519 key, or with a key that is not Ed25519', () => {
    expect(refused(sealed(), generateKeyPairSync('ed25519').publicKey)).toMatch(
      /signature does not verify with this public key/,
    );
    expect(refused(sealed(), generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).toMatch(
      /not an Ed25519 public key/,
    );
  });

  it('refuses a file that is not a checkpoint, naming why', () => {
    expect(() => parseCheckpointDocument('{')).toThrow('not a checkpoint: the file is not JSON');
    expect(() => parseCheckpointDocument('{"format":"other/1"}')).toThrow(
      `not a checkpoint of format ${CHECKPOINT_FORMAT}`,
    );
    const { signature: _signature, ...unsigned } = sealed();
    expect(() => parseCheckpointDocument(JSON.stringify(unsigned))).toThrow(/a field is missing or of the wrong type/);
    expect(() =>
      parseCheckpointDocument(JSON.stringify({ ...sealed(), streams: [{ streamId: 'x', version: 0, hash: 'h' }] })),
    ).toThrow(CheckpointDocumentError);
  });
});
