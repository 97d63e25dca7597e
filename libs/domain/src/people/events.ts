export interface TalentDeparted {
  readonly type: 'TALENT_DEPARTED';
  readonly data: {
    readonly moveId: string;
    readonly personId: string;
    readonly personName: string;
    readonly fromCompanyId: string;
    readonly toCompanyId: string | null;
    readonly role: string | null;
  };
}

export type PeopleEvent = TalentDeparted;
