import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SUBJECT_ACCESS_MATCHES, type SubjectAccessMatch } from '#domain';
import { personKey, type PersonKey } from '#read-models';
import { EMAIL_LENGTH, NAME } from '../cases/request-fields';
import { InputValidationError } from '../http/problem';

/** One way to find the person: optional, as the request gives exactly one of them. */
const SearchField = (maxLength: number, description: string) =>
  applyDecorators(
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
    ApiProperty({ required: false, maxLength, description }),
  );

/** Who a subject access request is about: give exactly one of the three. */
export class SubjectAccessRequest {
  @SearchField(EMAIL_LENGTH, 'Compared without regard to case.')
  email?: string;

  @SearchField(NAME, 'Compared on its digits: "07700 900123" finds "+44 7700 900123".')
  phone?: string;

  @SearchField(NAME, 'The whole name, compared without regard to case or extra spaces.')
  name?: string;
}

/** What a search is for: the kind of value, the value as given, and the key it is looked up by. */
export interface SubjectAccessSearch {
  matchedOn: SubjectAccessMatch;
  value: string;
  key: PersonKey;
}

const WHAT: Record<SubjectAccessMatch, string> = {
  email: 'an e-mail address',
  phone: 'a phone number with digits in it',
  name: 'a name',
};

/** The one field given, as a search; 400 unless exactly one is, with something to match in it. */
export function searchOf(request: SubjectAccessRequest): SubjectAccessSearch {
  const given = SUBJECT_ACCESS_MATCHES.filter((field) => (request[field] ?? '').trim() !== '');
  if (given.length !== 1)
    throw new InputValidationError(
      (given.length === 0 ? SUBJECT_ACCESS_MATCHES : given).map((field) => ({
        field,
        message: 'Give exactly one of email, phone or name',
      })),
    );
  const [matchedOn] = given;
  const value = request[matchedOn]!.trim();
  const key = personKey(matchedOn, value);
  if (key === null || (matchedOn === 'email' && !value.includes('@')))
    throw new InputValidationError([
      { field: matchedOn, message: `${matchedOn} must be ${WHAT[matchedOn]}` },
    ]);
  return { matchedOn, value, key };
}
