import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination';
import { IsSlugId } from '../validation';

/** `first: Int = 50, after: String` of every connection but events. */
@ArgsType()
export class PaginationArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE })
  @Transform(({ value }) => value ?? DEFAULT_PAGE_SIZE)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = DEFAULT_PAGE_SIZE;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  after?: string | null;
}

/** `(id: ID!)` of the single-entity queries, when a resolver prefers an Args class. */
@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  id!: string;
}

/** `(id: ID!)` for entity kinds whose ids are slugs: rejects anything that is not one. */
@ArgsType()
export class SlugIdArgs {
  @Field(() => ID)
  @IsSlugId()
  id!: string;
}
