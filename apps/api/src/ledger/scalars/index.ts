import type { GraphQLScalarType } from 'graphql';
import { DateScalar } from './date.scalar';
import { DateTimeScalar } from './date-time.scalar';
import { DecimalScalar } from './decimal.scalar';
import { JSONScalar } from './json.scalar';

export { DateScalar, parseDateInput, serializeDate } from './date.scalar';
export { DateTimeScalar, parseDateTimeInput, parseInstant, serializeDateTime } from './date-time.scalar';
export { DecimalScalar, parseDecimalInput, serializeDecimal } from './decimal.scalar';
export { JSONScalar, type JsonValue } from './json.scalar';
export { ScalarInputError, ScalarLiteralError, describeValue, isScalarError } from './scalar-input.error';

/**
 * The ledger's four scalars as graphql-js GraphQLScalarType instances. Models, inputs and args refer
 * to them directly (`@Field(() => DecimalScalar)`), so code-first adds them to the schema by itself:
 * nothing has to be registered for them to be served.
 */
export const LEDGER_SCALAR_TYPES: readonly GraphQLScalarType[] = [DecimalScalar, DateScalar, DateTimeScalar, JSONScalar];

/**
 * Harmless Nest value providers (token "LEDGER_SCALAR_<Name>") for a module that wants the scalars
 * injectable. Putting them in `providers` is optional: they are not @Scalar classes, so they never
 * register a second copy of a scalar.
 */
export const LEDGER_SCALARS = LEDGER_SCALAR_TYPES.map((scalar) => ({ provide: `LEDGER_SCALAR_${scalar.name}`, useValue: scalar }));

/**
 * For `GraphQLModule.forRoot({ buildSchemaOptions: { scalarsMap: LEDGER_SCALARS_MAP } })`: maps a bare
 * TS `Date` (a field or arg declared without an explicit type function) to the ledger's DateTime, so
 * Nest never adds its own GraphQLISODateTime (also named "DateTime", which would clash).
 */
export const LEDGER_SCALARS_MAP: { type: typeof Date; scalar: GraphQLScalarType }[] = [{ type: Date, scalar: DateTimeScalar }];
