export interface RegisterCompany {
  readonly type: 'registerCompany';
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
}
