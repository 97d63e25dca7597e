import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../ledger/ledger.tokens';
import { BOOTSTRAP_ADMIN_NAME, OPEN_ACCESS, type Access } from './access';
import { decideAccessMode, OPEN_MODE_WARNING, type AccessMode } from './access-mode';
import type { Role } from './roles';
import { TokenStore } from './token-store';
import { hashToken, sameHash } from './tokens';

/**
 * How long a database answer ("is any token live?", "whose is this hash?") is reused. A token
 * created or revoked by the CLI while the server runs takes effect within this time.
 */
export const ACCESS_CACHE_MS = 1_000;
const MAX_CACHED_LOOKUPS = 10_000;

interface Cached<T> {
  readonly value: T;
  readonly until: number;
}

/** Turns a request's credential into an Access, with at most one indexed query per second and token. */
@Injectable()
export class AccessService {
  private readonly logger = new Logger('Access');
  private readonly adminHash: string | null;
  private live: Cached<boolean> | null = null;
  private liveQuery: Promise<boolean> | null = null;
  private lastMode: 'open' | 'enforced' | null = null;
  private readonly lookups = new Map<string, Cached<{ name: string; role: Role } | null>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: TokenStore,
  ) {
    this.adminHash = config.adminToken ? hashToken(config.adminToken) : null;
  }

  /** The mode at start, with the warning to print when open (throws in production without LEDGER_ADMIN_TOKEN). */
  async startupMode(): Promise<AccessMode> {
    const mode = decideAccessMode({
      production: this.config.production,
      adminTokenConfigured: this.adminHash !== null,
      liveTokens: await this.tokens.anyLive(),
    });
    this.lastMode = mode.mode;
    return mode;
  }

  /**
   * credential: the presented token; null when none was presented; false when one was presented
   * in a form that is not a bearer token. A presented credential must be valid, even in open mode.
   */
  async authenticate(credential: string | null | false): Promise<Access> {
    if (credential === false) {
      return { kind: 'unauthenticated', reason: 'The Authorization header must be "Bearer <token>"' };
    }
    if (credential !== null) {
      const hash = hashToken(credential);
      if (this.adminHash !== null && sameHash(hash, this.adminHash)) {
        return { kind: 'token', name: BOOTSTRAP_ADMIN_NAME, role: 'admin' };
      }
      const token = await this.lookup(hash);
      if (token) return { kind: 'token', name: token.name, role: token.role };
      return { kind: 'unauthenticated', reason: 'The token is unknown or revoked' };
    }
    if (await this.enforced()) {
      return { kind: 'unauthenticated', reason: 'This operation needs a token: send "Authorization: Bearer <token>"' };
    }
    return OPEN_ACCESS;
  }

  /** Enforced when LEDGER_ADMIN_TOKEN is set or any token is live (cached for ACCESS_CACHE_MS). */
  async enforced(): Promise<boolean> {
    if (this.adminHash !== null) return true;
    const now = Date.now();
    if (this.live && this.live.until > now) return this.live.value;
    this.liveQuery ??= this.tokens.anyLive().finally(() => (this.liveQuery = null));
    const value = await this.liveQuery;
    this.live = { value, until: Date.now() + ACCESS_CACHE_MS };
    this.noteMode(value ? 'enforced' : 'open');
    return value;
  }

  private async lookup(hash: string): Promise<{ name: string; role: Role } | null> {
    const now = Date.now();
    const cached = this.lookups.get(hash);
    if (cached && cached.until > now) return cached.value;
    const value = await this.tokens.findLive(hash);
    if (this.lookups.size >= MAX_CACHED_LOOKUPS) this.lookups.clear();
    this.lookups.set(hash, { value, until: Date.now() + ACCESS_CACHE_MS });
    return value;
  }

  private noteMode(mode: 'open' | 'enforced'): void {
    if (this.lastMode !== null && this.lastMode !== mode) {
      if (mode === 'open') this.logger.warn(`The last live token was revoked. ${OPEN_MODE_WARNING}`);
      else this.logger.log('A token exists now: access control is enforced (Authorization: Bearer <token>)');
    }
    this.lastMode = mode;
  }
}
