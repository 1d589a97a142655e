import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import {
  ADDRESSEES,
  LETTER_CHANNELS,
  LETTER_TEMPLATES,
  type Addressee,
  type LetterChannel,
  type LetterTemplate,
} from '#domain';
import { EmailAddress, LONG_TEXT, NAME, OneOf, Text } from '../cases/request-fields';

/** `POST /cases/:id/letters`: without `subject` or `body`, the template's text is used. */
export class SendLetterRequest {
  @OneOf(LETTER_TEMPLATES) template!: LetterTemplate;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LETTER_CHANNELS.length)
  @ArrayUnique()
  @IsIn(LETTER_CHANNELS, {
    each: true,
    message: `each of $property must be one of: ${LETTER_CHANNELS.join(', ')}`,
  })
  @ApiProperty({
    enum: LETTER_CHANNELS,
    isArray: true,
    minItems: 1,
    maxItems: LETTER_CHANNELS.length,
    uniqueItems: true,
    example: ['email', 'post'],
  })
  channels!: LetterChannel[];

  @OneOf(ADDRESSEES, { optional: true, description: 'Default: the complainant.' })
  addressedTo?: Addressee;

  @Text(1, NAME, { optional: true }) subject?: string;
  @Text(1, LONG_TEXT, { optional: true }) body?: string;

  /** An address to use instead of the one recorded for the addressee. */
  @EmailAddress() email?: string;
}
