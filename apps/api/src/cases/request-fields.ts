import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { isLocalDate } from '#calendar';
import { MAX_CATEGORIES, parseInstant } from '#domain';

/**
 * The few shapes every request field takes, each validated and documented by one
 * decorator so the OpenAPI description cannot drift from what is enforced.
 */

interface FieldOptions {
  optional?: boolean;
  description?: string;
  example?: unknown;
}

const optionally = (optional: boolean | undefined) => (optional ? [IsOptional()] : []);

/** A string of `min`–`max` characters, not only spaces. */
export const Text = (min: number, max: number, options: FieldOptions = {}) =>
  applyDecorators(
    ...optionally(options.optional),
    IsString(),
    Length(min, max),
    ...(min > 0 ? [Matches(/\S/, { message: '$property must not be blank' })] : []),
    ApiProperty({
      required: !options.optional,
      minLength: min,
      maxLength: max,
      description: options.description,
      example: options.example,
    }),
  );

export const OneOf = (values: readonly string[], options: FieldOptions = {}) =>
  applyDecorators(
    ...optionally(options.optional),
    IsIn(values, { message: `$property must be one of: ${values.join(', ')}` }),
    ApiProperty({
      required: !options.optional,
      enum: values,
      description: options.description,
      example: options.example,
    }),
  );

/** A real instant from 2000 on, ISO-8601 with `Z` or an offset (the domain's own rule). */
export const Instant = () =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value) => typeof value === 'string' && parseInstant(value) !== null,
      defaultMessage: () =>
        '$property must be a real date and time from 2000 on, in ISO-8601 with Z or an offset, e.g. 2026-11-23T09:30:00Z',
    },
  });

/** A real local date (YYYY-MM-DD), read in the policy's time zone. */
export const LocalDateField = (description: string, options: FieldOptions = {}) =>
  applyDecorators(
    ...optionally(options.optional),
    ValidateBy({
      name: 'isLocalDate',
      validator: {
        validate: (value) => isLocalDate(value),
        defaultMessage: () => '$property must be a real date, YYYY-MM-DD, e.g. 2026-12-14',
      },
    }),
    ApiProperty({
      required: !options.optional,
      type: String,
      format: 'date',
      description,
      example: '2026-12-14',
    }),
  );

/** Valid only without `other`: of two ways to say the same thing, one is given. */
export const NotWith = (other: string) =>
  ValidateBy({
    name: 'notWith',
    constraints: [other],
    validator: {
      validate: (_value, args) => (args?.object as Record<string, unknown>)[other] === undefined,
      defaultMessage: () => `give either $property or ${other}, not both`,
    },
  });

/** When omitted the server uses now. */
export const BusinessTime = (description: string) =>
  applyDecorators(
    IsOptional(),
    IsString(),
    Instant(),
    ApiProperty({
      required: false,
      type: String,
      format: 'date-time',
      description: `${description} Defaults to now; never in the future.`,
      example: '2026-11-23T09:30:00Z',
    }),
  );

export const Flag = (description: string) =>
  applyDecorators(
    IsOptional(),
    IsBoolean(),
    ApiProperty({ required: false, type: Boolean, description }),
  );

export const WholeNumber = (min: number, max: number, options: FieldOptions = {}) =>
  applyDecorators(
    ...optionally(options.optional),
    IsInt(),
    Min(min),
    Max(max),
    ApiProperty({
      required: !options.optional,
      type: 'integer',
      minimum: min,
      maximum: max,
      description: options.description,
    }),
  );

export const Nested = (type: () => new () => object, options: FieldOptions = {}) =>
  applyDecorators(
    ...optionally(options.optional),
    IsObject(),
    IsNotEmptyObject(),
    ValidateNested(),
    Type(type),
    ApiProperty({
      required: !options.optional,
      // Swagger takes a function as a lazy type only when the function is called `type`;
      // given `type` itself it would describe an empty schema.
      type: () => type(),
      description: options.description,
    }),
  );

export const Categories = (options: FieldOptions = {}) =>
  applyDecorators(
    ...optionally(options.optional),
    IsArray(),
    ArrayMaxSize(MAX_CATEGORIES),
    IsString({ each: true }),
    Length(1, 100, { each: true }),
    Matches(/\S/, { each: true, message: 'each of $property must not be blank' }),
    ApiProperty({
      required: !options.optional,
      type: [String],
      maxItems: MAX_CATEGORIES,
      description: options.description ?? 'Themes for reporting, e.g. "mentoring", "fees".',
      example: ['mentoring'],
    }),
  );

/** Longest free text a note, response or details may hold. */
export const LONG_TEXT = 20_000;
/** Reasons, explanations, short descriptions. */
export const SHORT_TEXT = 2_000;
/** Names, ids, bodies. */
export const NAME = 200;

/** The longest an e-mail address may be (RFC 5321's path, less its angle brackets). */
export const EMAIL_LENGTH = 254;

export const EmailAddress = () =>
  applyDecorators(
    IsOptional(),
    IsString(),
    MaxLength(EMAIL_LENGTH),
    IsEmail({}, { message: '$property must be an e-mail address' }),
    ApiProperty({ required: false, format: 'email', maxLength: EMAIL_LENGTH }),
  );
