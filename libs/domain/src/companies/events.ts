export interface CompanyRegistered {
  readonly type: 'COMPANY_REGISTERED';
  readonly data: {
    readonly companyId: string;
    readonly name: string;
    readonly aliases: readonly string[];
  };
}

export type CompanyEvent = CompanyRegistered;
