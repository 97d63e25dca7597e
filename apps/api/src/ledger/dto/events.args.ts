import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_ID_LENGTH } from '@ledger/domain/shared/values';
import { EventType } from '../enums';
import { DEFAULT_EVENTS_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { IsPosition, IsValidInstant } from '../validation';

@InputType('EventFilter')
export class EventFilterInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  streamId?: string | null;

  @Field(() => [EventType], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsEnum(EventType, { each: true })
  types?: EventType[] | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Events that mention this entity (company, deal, claim, person, source) by id.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  entityId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPosition()
  afterPosition?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsValidInstant()
  recordedFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptional()
  @IsValidInstant()
  recordedTo?: Date | null;
}

/** `events(filter: EventFilter, first: Int = 100, after: String)`. */
@ArgsType()
export class EventsArgs {
  @Field(() => EventFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EventFilterInput)
  filter?: EventFilterInput | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_EVENTS_PAGE_SIZE })
  @Transform(({ value }) => value ?? DEFAULT_EVENTS_PAGE_SIZE)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_EVENTS_PAGE_SIZE;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string | null;
}

/** `Subscription.eventAppended(types: [EventType!], entityId: ID)`. */
@ArgsType()
export class EventAppendedArgs {
  @Field(() => [EventType], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsEnum(EventType, { each: true })
  types?: EventType[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_ID_LENGTH)
  entityId?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Resume after this position: every matching event after it is delivered first, then live ones, ' +
      'with no gap and no duplicate (default: the head when the subscription starts).',
  })
  @IsOptional()
  @IsPosition()
  afterPosition?: string | null;
}
