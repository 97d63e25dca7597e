import { ArgsType, Field } from '@nestjs/graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { ExactlyOneOf, IfSet, POSITION_PATTERN } from '../validation';

/**
 * `asOf(recordedAt: DateTime, position: String)`: exactly one must be given (reported on
 * "recordedAt" when neither or both are). Neither property uses @IsOptional, which would skip
 * the exactly-one check.
 */
@ArgsType()
export class AsOfArgs {
  @Field(() => DateTimeScalar, { nullable: true })
  @ExactlyOneOf(['recordedAt', 'position'])
  @IfSet('isValidInstant', (value) => value instanceof Date && !Number.isNaN(value.getTime()), 'must be a valid DateTime')
  recordedAt?: Date | null;

  @Field(() => String, { nullable: true })
  @IfSet(
    'isPosition',
    (value) => typeof value === 'string' && value.length <= 19 && POSITION_PATTERN.test(value),
    'must be a ledger position: a decimal integer such as "42"',
  )
  position?: string | null;
}
