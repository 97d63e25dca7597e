import type { IsoDate } from '../shared/values';

export type SourceKind =
  | 'ARTICLE'
  | 'FILING'
  | 'THREAD'
  | 'COMMENT'
  | 'VIDEO'
  | 'PODCAST'
  | 'BLOG'
  | 'PRESS_RELEASE'
  | 'OTHER';

export interface SourceRegistered {
  readonly type: 'SOURCE_REGISTERED';
  readonly data: {
    readonly sourceId: string;
    readonly url: string | null;
    readonly title: string;
    readonly publisher: string | null;
    readonly author: string | null;
    readonly kind: SourceKind;
    readonly publishedOn: IsoDate | null;
  };
}

export type SourceEvent = SourceRegistered;
