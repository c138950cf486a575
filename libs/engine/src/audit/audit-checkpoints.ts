import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  BrokenChainError,
  CheckpointDocumentError,
  EVENT_STORE,
  storedLog,
  checkCheckpointDocument,
  collectStreamHeads,
  sealCheckpoint,
  verifyAgainstCheckpoint,
  type CheckpointDocument,
  type CheckpointVerdict,
  type EventStore,
  type VerifyResult,
} from '@ketnap/event-store';
import { NOTIFICATION_SENDER, type NotificationSender } from '@ketnap/scheduling';
import { CLOCK, type Clock } from '../clock/clock';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { RequestError } from '../commands/refusals';
import { CheckpointFolder, checkpointIdOf, positionOfId } from './checkpoint-folder';
import { loadCheckpointKeys, type CheckpointKeys } from './checkpoint-keys';
import { checkpointView, type CheckpointView } from './checkpoint.view';

/** The whole-chain result of `GET /audit/verify`, and what changed since the checkpoint asked about. */
export type CheckpointAudit = VerifyResult & { checkpoint: CheckpointVerdict & { error?: string } };

/**
 * Signed audit checkpoints (DESIGN.md §9): takes them, one at a time in this process, writes each to
 * the checkpoint folder and ships it to the webhook when one is set, lists them, and verifies the store
 * against one. The key pair is loaded, or generated, on first use.
 */
@Injectable()
export class AuditCheckpoints implements OnModuleDestroy {
  private readonly logger = new Logger('AuditCheckpoints');
  private readonly folder: CheckpointFolder;
  private keys: CheckpointKeys | undefined;
  private taking: Promise<unknown> = Promise.resolve();
  private readonly deliveries = new Set<Promise<void>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KETNAP_CONFIG) private readonly config: KetnapConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATION_SENDER) private readonly sender: NotificationSender,
  ) {
    this.folder = new CheckpointFolder(config.checkpointDir);
  }

  /** The server's checkpoint key pair, generated into the data dir on first use. */
  signingKeys(): CheckpointKeys {
    return (this.keys ??= loadCheckpointKeys(this.config));
  }

  /**
   * Signs the log as it is now and writes the checkpoint's file; the webhook delivery goes on in the
   * background (shutdown waits for it).
   * @throws BrokenChainError when the log does not chain: it is not signed
   */
  take(): Promise<CheckpointView & { publicKey: string }> {
    const taken = this.taking.then(() => this.takeNow());
    this.taking = taken.catch(() => undefined);
    return taken;
  }

  private async takeNow(): Promise<CheckpointView & { publicKey: string }> {
    const keys = this.signingKeys();
    const previous = await this.previousOwn(keys);
    const heads = await collectStreamHeads(storedLog(this.store), previous).catch((error: unknown) => {
      if (!(previous && error instanceof BrokenChainError)) throw error;
      throw new BrokenChainError(
        error.broken,
        `the log no longer continues what checkpoint ${previous.id} signed: verify the store against it`,
      );
    });
    const at = this.clock.now();
    const doc = sealCheckpoint(
      { id: checkpointIdOf(heads.position, at), at: at.toISOString(), ...heads },
      keys.privateKey,
    );
    const file = this.folder.save(doc);
    this.ship(doc);
    return { ...checkpointView(doc, file), publicKey: keys.publicKeyPem };
  }

  /**
   * The newest checkpoint of this server that still verifies, to read only the log after it. One past
   * the log's head (a database restored from an older backup) is passed over.
   */
  private async previousOwn(keys: CheckpointKeys): Promise<CheckpointDocument | undefined> {
    const head = await this.store.headPosition();
    for (const id of this.folder.ids()) {
      if ((positionOfId(id) ?? Infinity) > head) continue;
      const doc = this.readable(id);
      if (!doc) continue;
      try {
        checkCheckpointDocument(doc, keys.publicKey);
        return doc;
      } catch {
        continue; // signed with another key, or altered: not a base to build on
      }
    }
    return undefined;
  }

  private ship(doc: CheckpointDocument): void {
    if (!this.config.webhookUrl) return;
    const message = `Audit checkpoint ${doc.id}: position ${doc.position}, ${doc.streamCount} streams, head ${doc.head}.`;
    const delivery = this.sender
      .send({ id: `audit-${doc.id}`, kind: 'audit-checkpoint', message, document: { ...doc } })
      .then(
        () => undefined,
        (error: unknown) =>
          this.logger.error(
            `checkpoint ${doc.id} was not shipped to the webhook: ${(error as Error).message ?? String(error)}`,
          ),
      );
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  /** The position of the newest checkpoint in the folder, read from its name. */
  newestPosition(): number | undefined {
    const [newest] = this.folder.ids();
    return newest === undefined ? undefined : positionOfId(newest);
  }

  /** The newest checkpoints first, without their lists of stream heads; a file that is not one is passed over. */
  list(limit: number): CheckpointView[] {
    return this.folder
      .ids()
      .slice(0, limit)
      .flatMap((id) => {
        const doc = this.readable(id);
        return doc ? [checkpointView(doc, this.folder.fileOf(id))] : [];
      });
  }

  /**
   * Verifies the store against one of this server's checkpoints, in one walk of the log. A checkpoint
   * whose document no longer verifies is reported as not ok, with why, beside the whole-chain result.
   * @throws RequestError (404) when there is no checkpoint of that id
   */
  async verify(id: string): Promise<CheckpointAudit> {
    try {
      const doc = this.folder.read(id);
      if (!doc) throw new RequestError('not-found', 'NOT_FOUND.checkpoint', { id });
      const { chain, checkpoint } = await verifyAgainstCheckpoint(
        storedLog(this.store),
        doc,
        this.signingKeys().publicKey,
      );
      return { ...chain, checkpoint };
    } catch (error) {
      if (!(error instanceof CheckpointDocumentError)) throw error;
      return { ...(await this.store.verify()), checkpoint: { id, ok: false, findings: [], error: error.message } };
    }
  }

  private readable(id: string): CheckpointDocument | null {
    try {
      return this.folder.read(id);
    } catch (error) {
      if (error instanceof CheckpointDocumentError) return null;
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.taking;
    await Promise.all([...this.deliveries]);
  }
}
